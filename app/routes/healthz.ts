// A bare route: no session, no database. Load balancers poll it; the benchmark uses it as the
// baseline for what the server costs before any page work.
export async function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
