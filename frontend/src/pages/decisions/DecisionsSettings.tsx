// The leaving-soon list with its clean-up (dry run first), the history back-fills, and the admin's
// view of the decisions settings with Radarr's test connection (quality profiles, root folders).
import { useCallback, useEffect, useState } from "react";
import { useLoadedList } from "../../components/hooks";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { decisionsApi, type DecisionSettings, type RadarrTest } from "../../lib/decisionsApi";

export function CleanupSection({ manager }: { manager: boolean }) {
  const fetchLeaving = useCallback(() => decisionsApi.leaving(), []);
  const { items, error, setError } = useLoadedList(fetchLeaving, messageOf);
  const [info, setInfo] = useState<string | null>(null);
  const queue = (what: Promise<{ id: number }>, label: string) =>
    what.then((job) => setInfo(`${label} queued as job ${job.id}; see Jobs.`), (e) => setError(messageOf(e)));
  return (
    <section aria-label="Leaving soon">
      <h2>Leaving soon</h2>
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
      {items.length ? (
        <ul className="decision-list">
          {items.map((f) => (
            <li key={f.film_key} className="card">
              <strong>{f.title}</strong> <span className="muted">{f.status} · deleted after {new Date(f.delete_after * 1000).toLocaleDateString()}</span>
              {f.note ? <p className="muted">{f.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : <p className="muted">Nothing is leaving: every kept film was watched recently.</p>}
      {manager ? (
        <div className="decision-actions">
          <button type="button" onClick={() => queue(decisionsApi.cleanup(true), "A dry-run clean-up")}>Clean-up dry run</button>
          <button type="button" onClick={() => queue(decisionsApi.cleanup(false), "A clean-up")}>Clean up now</button>
          <button type="button" onClick={() => queue(decisionsApi.backfill("jellystat"), "A Jellystat back-fill")}>Back-fill from Jellystat</button>
          <button type="button" onClick={() => queue(decisionsApi.backfill("playcount"), "A PlayCount back-fill")}>Back-fill from PlayCount</button>
          <button type="button" onClick={() => queue(decisionsApi.backfill("plex"), "A Plex back-fill")}>Back-fill from Plex</button>
        </div>
      ) : null}
    </section>
  );
}

export function SettingsSection() {
  const [settings, setSettings] = useState<DecisionSettings | null>(null);
  const [radarr, setRadarr] = useState<RadarrTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { decisionsApi.settings().then(setSettings, (e) => setError(messageOf(e))); }, []);
  const test = () => decisionsApi.testRadarr().then((found) => { setRadarr(found); setError(null); }, (e) => setError(messageOf(e)));
  return (
    <section className="card" aria-label="Decision settings">
      <h2>Settings</h2>
      <p className="muted">Set in config.json, .env or ML_DECISIONS__* (docs/CONFIG.md). Secrets show only whether they are set.</p>
      {settings?.dry_run ? <InfoNotice message="Dry run is on: decisions are recorded, nothing is triggered." /> : null}
      <dl className="decision-settings">
        {Object.entries(settings ?? {}).map(([key, value]) => (
          <div key={key}><dt>{key}</dt><dd>{Array.isArray(value) ? value.join(", ") || "—" : String(value)}</dd></div>
        ))}
      </dl>
      <button type="button" onClick={() => void test()}>Test Radarr connection</button>
      <ErrorNotice message={error} />
      {radarr ? (
        <p data-testid="radarr-test">Radarr {radarr.version}. Quality profiles: {radarr.quality_profiles.map((p) => `${p.name} (${p.id})`).join(", ")}.
          Root folders: {radarr.root_folders.map((f) => f.path).join(", ")}.</p>
      ) : null}
    </section>
  );
}
