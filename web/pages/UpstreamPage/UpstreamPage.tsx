/** Placeholder while the page is built. */
export function UpstreamPage() {
  return <div className="page"><h1>UpstreamPage</h1></div>;
}
