/** Placeholder until the comparison view lands. */
export function ComparisonView(_props: { onOpenClaim: (claimId: string) => void }) {
  return <div className="comparison" />
}
