// The HTTP server: static files, forgery protection, and the Remix app with the database in
// its load context.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { AppDb } from "../../db/connection";
import { isSameOriginWrite } from "../../app/modules/auth/origin";

export interface ServerOptions {
  db: AppDb;
  port: number;
  host?: string;
  /** Set when behind a reverse proxy that sets X-Forwarded-For / -Proto (TRUST_PROXY=1). */
  trustProxy?: boolean;
}

/** Where `remix build` put its output (see BUILD_DIR in remix.config.js). */
export function buildPaths() {
  const dir = process.env.BUILD_DIR;
  return dir ? { server: `${dir}/index.js`, assets: `${dir}/assets` } : { server: "build/index.js", assets: "public/build" };
}

export async function loadBuild(): Promise<ServerBuild> {
  // React picks its production build from NODE_ENV when the app build first imports it.
  process.env.NODE_ENV ??= "production";
  const file = path.resolve(buildPaths().server);
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const build = await loadBuild();
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);

  app.use("/build", express.static(buildPaths().assets, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  // SECURITY: cross-site request forgery. Writes must come from our own pages.
  app.use((req, res, next) => {
    const self = `${req.protocol}://${req.get("host")}`;
    if (isSameOriginWrite(req.method, { origin: req.get("origin"), referer: req.get("referer") }, self)) return next();
    res.status(403).type("text/plain; charset=utf-8").send("请求来源校验失败：请从本系统页面提交表单。");
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV ?? "production",
      getLoadContext: (req) => ({ db: options.db, clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  return new Promise((resolve) => {
    const server = app.listen(options.port, options.host ?? "0.0.0.0", () => resolve(server));
  });
}
