import { formatFen } from "~/utils/money";

export interface ReportStat {
  label: string;
  /** Money in fen, or a plain figure already written out. */
  fen?: number;
  text?: string;
}

/** The few figures a report leads with (earned income and fiscal subsidy always as separate cards). */
export function ReportStats({ stats }: { stats: ReportStat[] }) {
  return (
    <div className="report-stats">
      {stats.map((s) => (
        <div className="stat" key={s.label}>
          <span className="stat-value">{s.fen !== undefined ? formatFen(s.fen) : s.text}</span>
          <span className="stat-label">{s.label}</span>
        </div>
      ))}
    </div>
  );
}
