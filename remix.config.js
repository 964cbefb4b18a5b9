// BUILD_DIR puts the server build and the browser assets in one separate folder, so that several
// builds (a benchmark, a browser test run) can exist side by side. Default: build/ and public/build/.
const dir = process.env.BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverBuildPath: dir ? `${dir}/index.js` : "build/index.js",
  assetsBuildDirectory: dir ? `${dir}/assets` : "public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
