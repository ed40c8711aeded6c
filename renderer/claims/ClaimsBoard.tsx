/** Placeholder until the claims board lands. */
export function ClaimsBoard(_props: {
  onOpenMention: (articleId: string, annotationId: string) => void
  focusClaimId: string | null
}) {
  return <div className="claims-board" />
}
