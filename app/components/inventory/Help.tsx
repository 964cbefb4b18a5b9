/** Neutral help under an input: the shared field hint is amber because it carries warnings. */
export function Help({ text }: { text: string }) {
  return <span className="small muted">{text}</span>;
}
