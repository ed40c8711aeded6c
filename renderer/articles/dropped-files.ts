/** Reads dropped files for the bridge (bytes travel base64-encoded). */
export async function readDroppedFiles(
  files: File[],
): Promise<Array<{ fileName: string; dataBase64: string }>> {
  return Promise.all(
    files.map(async (file) => ({
      fileName: file.name,
      dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
    })),
  )
}

function toBase64(bytes: Uint8Array): string {
  // btoa needs a binary string; build it in chunks so large files do not overflow the stack.
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}
