import { Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { PermitState } from "~/modules/inventory/model";
import { formatFen } from "~/utils/money";
import { PermitStateBadge } from "./StateBadge";

export interface FileLink {
  id: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
}

export interface PermitRow {
  id: string;
  number: string;
  authority: string;
  start_date: string;
  end_date: string;
  state: PermitState;
  current: boolean;
  scans: FileLink[];
}

export interface LeaseRow {
  id: string;
  lessor: string;
  annual_rent_fen: number;
  start_date: string;
  end_date: string;
  payment_terms: string;
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  medium: string;
  face: string;
  status: string;
  archived: number;
}

function Empty({ cols, text }: { cols: number; text: string }) {
  return (
    <tr>
      <td colSpan={cols} className="muted">{text}</td>
    </tr>
  );
}

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function UnitsTable({ units }: { units: UnitRow[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("sites.unitCode")}</th>
          <th>{t("sites.unitName")}</th>
          <th>{t("sites.face")}</th>
          <th>{t("sites.unitStatus")}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.id} className={u.archived ? "row-muted" : undefined}>
            <td className="mono"><Link to={`/inventory/units/${u.id}`}>{u.code}</Link></td>
            <td>{u.name}</td>
            <td>{u.face || tKey("medium", u.medium)}</td>
            <td>{u.archived ? t("sites.archived") : tKey("unitStatus", u.status)}</td>
          </tr>
        ))}
        {units.length === 0 ? <Empty cols={4} text={t("sites.noUnits")} /> : null}
      </tbody>
    </table>
  );
}

export function PermitsTable({ permits }: { permits: PermitRow[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("permits.number")}</th>
          <th>{t("permits.authority")}</th>
          <th>{t("permits.start")}</th>
          <th>{t("permits.end")}</th>
          <th>{t("permits.state")}</th>
          <th>{t("permits.scan")}</th>
        </tr>
      </thead>
      <tbody>
        {permits.map((p) => (
          <tr key={p.id} className={p.current ? undefined : "row-muted"}>
            <td className="mono">{p.number}</td>
            <td>{p.authority}</td>
            <td className="nowrap">{p.start_date}</td>
            <td className="nowrap">{p.end_date}</td>
            <td>{p.current ? <PermitStateBadge state={p.state} /> : <span className="tag">{t("permits.superseded")}</span>}</td>
            <td>
              {p.scans.map((f) => (
                <div key={f.id}>
                  <a href={`/files/${f.id}`} target="_blank" rel="noreferrer">{f.original_name}</a>{" "}
                  <span className="muted small">{fileSize(f.size_bytes)}</span>
                </div>
              ))}
            </td>
          </tr>
        ))}
        {permits.length === 0 ? <Empty cols={6} text={t("permits.none")} /> : null}
      </tbody>
    </table>
  );
}

export function LeasesTable({ leases }: { leases: LeaseRow[] }) {
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("leases.lessor")}</th>
          <th className="num">{t("leases.annualRent")}</th>
          <th>{t("leases.start")}</th>
          <th>{t("leases.end")}</th>
          <th>{t("leases.terms")}</th>
        </tr>
      </thead>
      <tbody>
        {leases.map((l) => (
          <tr key={l.id}>
            <td>{l.lessor}</td>
            <td className="num">{formatFen(l.annual_rent_fen)}</td>
            <td className="nowrap">{l.start_date}</td>
            <td className="nowrap">{l.end_date}</td>
            <td>{l.payment_terms}</td>
          </tr>
        ))}
        {leases.length === 0 ? <Empty cols={5} text={t("leases.none")} /> : null}
      </tbody>
    </table>
  );
}

export function PhotoGrid({ photos }: { photos: FileLink[] }) {
  if (photos.length === 0) return <p className="muted">{t("photos.none")}</p>;
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
      {photos.map((p) => (
        <a key={p.id} href={`/files/${p.id}`} target="_blank" rel="noreferrer" title={p.original_name} style={{ display: "block", width: 160 }}>
          <img
            src={`/files/${p.id}`}
            alt={p.original_name}
            loading="lazy"
            style={{ width: 160, height: 120, objectFit: "cover", border: "1px solid #dfe3e8", background: "#f0f2f5", display: "block" }}
          />
          <span className="small muted" style={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
            {p.original_name}
          </span>
        </a>
      ))}
    </div>
  );
}
