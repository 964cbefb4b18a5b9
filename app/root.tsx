import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { t } from "~/i18n";
import { AppShell, type ShellUser } from "~/components/AppShell";
import { getSessionUser } from "~/modules/auth/session.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: t("app.name") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSessionUser(context, request);
  const user: ShellUser | null = session
    ? { displayName: session.user.display_name, role: session.user.role, centerName: session.center.name }
    : null;
  return { user };
}

function Document({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Frame({ user, children }: { user: ShellUser | null | undefined; children: ReactNode }) {
  return user ? <AppShell user={user}>{children}</AppShell> : <div className="bare">{children}</div>;
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <Document>
      <Frame user={user}>
        <Outlet />
      </Frame>
    </Document>
  );
}

/** Errors keep the navigation: the shell is drawn from the root loader's data when it ran. */
export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <Document>
      <Frame user={rootData?.user}>
        <ErrorPage error={error} />
      </Frame>
    </Document>
  );
}

export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status >= 400 && status < 500
          ? [t("error.badRequest.title"), isRouteErrorResponse(error) && typeof error.data?.message === "string" ? error.data.message : ""]
          : [t("error.server.title"), t("error.server.body")];
  return (
    <section className="error-page" data-status={status}>
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      <Link to="/">{t("error.backHome")}</Link>
    </section>
  );
}
