// Any path no route matches: a 404 that keeps the navigation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/utils/http.server";

export async function loader(_args: LoaderFunctionArgs) {
  notFound();
}

export default function NotFound() {
  return null;
}
