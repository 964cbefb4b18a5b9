// The contract's scans: listed for everyone who reads the contract, uploaded by its owner.
import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import type { ContractDetail } from "~/modules/contracts/views.server";
import { formatInstant } from "~/utils/time";

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function FilesPanel({ contractId, files, editable, accept, error }: { contractId: string; files: ContractDetail["files"]; editable: boolean; accept: string; error?: string }) {
  return (
    <div className="panel">
      <h2>{t("contracts.section.files")}</h2>
      {files.length === 0 ? <p className="muted">{t("contracts.file.none")}</p> : (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/contracts/${contractId}/files/${f.id}`} target="_blank" rel="noreferrer">{f.original_name}</a>
              <span className="muted small"> · {size(f.size_bytes)} · {formatInstant(f.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <Form method="post" encType="multipart/form-data" className="inline-form">
          <input type="hidden" name="intent" value="file-upload" />
          <input type="file" name="file" accept={accept} aria-label={t("contracts.file.upload")} />
          <button type="submit">{t("contracts.file.upload")}</button>
          <span className="muted small">{t("contracts.file.hint")}</span>
          {error ? <span className="field-error" role="alert">{error}</span> : null}
        </Form>
      ) : null}
    </div>
  );
}
