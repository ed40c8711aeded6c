/** Colour helpers shared by the views and the reports. */

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableTextColor(hex: string): '#000000' | '#ffffff' {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  if (!match?.[1]) return '#000000'
  const n = Number.parseInt(match[1], 16)
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const luminance =
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  // Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}
