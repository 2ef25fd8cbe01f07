// The STRM export page (admins; docs/STRM.md): the effective settings with a form to change them,
// Run now and Preview with live progress, the last run's counts and report, and token rotation.
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ErrorNotice } from "../components/Notice";
import { ApiError, messageOf, type Job } from "../lib/api";
import { useAuth } from "../lib/auth";
import { strmApi, type StrmRun, type StrmSettings } from "../lib/strmApi";
import { AutoExportNotice } from "./strm/AutoExportNotice";
import { LastRun } from "./strm/LastRun";
import { RunPanel } from "./strm/RunPanel";
import { SettingsForm } from "./strm/SettingsForm";
import { TokenCard } from "./strm/TokenCard";
import { useStrmJobs } from "./strm/useStrmJobs";
import "./strm/strm.css";

/** ``undefined`` while loading, ``null`` before the first run. */
function useLastRun() {
  const [run, setRun] = useState<StrmRun | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setRun(await strmApi.lastRun());
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setRun(null);
      else setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { run, error, reload };
}

function StrmAdmin() {
  const [settings, setSettings] = useState<StrmSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastRun = useLastRun();
  const { reload } = lastRun;
  const onFinished = useCallback(() => void reload(), [reload]);
  const { jobs, track, error: jobsError } = useStrmJobs(onFinished);

  useEffect(() => {
    strmApi.settings().then(setSettings, (e: unknown) => setError(messageOf(e)));
  }, []);

  return (
    <div className="strm-layout">
      <div className="strm-column">
        <RunPanel jobs={jobs} error={jobsError} onStarted={(job: Job) => track(job)} />
        {lastRun.run !== undefined ? <LastRun run={lastRun.run} /> : null}
        <ErrorNotice message={lastRun.error} />
        <TokenCard />
      </div>
      <div className="strm-column">
        <ErrorNotice message={error} />
        {settings ? <AutoExportNotice status={settings.auto_export} /> : null}
        {settings ? <SettingsForm settings={settings} onSaved={setSettings} /> : <p className="loading">Loading settings…</p>}
      </div>
    </div>
  );
}

export function StrmPage() {
  const { user } = useAuth();
  return (
    <section className="strm">
      <div className="page-head">
        <h1>STRM export</h1>
        <Link to="/settings">Back to settings</Link>
      </div>
      <p className="muted">
        The library as .strm and .nfo files that Jellyfin, Plex, Emby or Kodi import as a library of their own.
      </p>
      {user?.role === "admin" ? <StrmAdmin /> : <ErrorNotice message="Only administrators can manage the STRM export." />}
    </section>
  );
}
