/**
 * The dashboard through the [assets] binding, for AppDeps.serveAsset. Misses are null so the
 * app answers them like any unknown path.
 */
export async function serveFromAssets(assets: Fetcher, request: Request): Promise<Response | null> {
  const res = await assets.fetch(request);
  if (res.status === 404) return null;
  // Fetched responses have immutable headers; the app adds its security headers to a copy.
  return new Response(res.body, res);
}
