/** Placeholder until the source registry lands. */
export function SourcesView(_props: {
  onOpenMention: (articleId: string, annotationId: string) => void
  onOpenClaim: (claimId: string) => void
}) {
  return <div className="sources-view" />
}
