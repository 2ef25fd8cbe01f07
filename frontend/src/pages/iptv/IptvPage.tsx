// The IPTV page (docs/IPTV.md): Movies, Series and Live TV of an Xtream Codes account, each with a
// category sidebar, language folders, search, actors and favorites; a series with its seasons and
// episodes; playback through our proxy; downloads with live progress; accounts (admins add them).
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { useDebounced } from "../../components/hooks";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { retryText } from "../../lib/retrying";
import { canManageLibrary, isAdmin } from "../../lib/roles";
import { safeUrl } from "../../lib/safeUrl";
import { useServerEvent } from "../../lib/socket";
import {
  formatBytes, iptvApi, liveHlsUrl, playUrl, type BrowseFilter, type CatalogPage, type IptvAccount, type IptvDownload,
  type Section, type SeriesDetail, type Sidebar, type Stream,
} from "../../lib/iptvApi";
import { attachSource } from "../media/player/source";
import "./iptv.css";

type Tab = Section | "downloads" | "accounts";
const TABS: { id: Tab; label: string }[] = [
  { id: "vod", label: "Movies" }, { id: "series", label: "Series" }, { id: "live", label: "Live TV" },
  { id: "downloads", label: "Downloads" }, { id: "accounts", label: "Accounts" },
];
// A live channel plays as HLS (hls.js) from our proxy; ``fallback`` (MP4 remuxed from the channel's
// MPEG-TS) is used when its HLS fails, e.g. an account that offers live channels only as TS.
interface Playing { title: string; url: string; hls?: boolean; fallback?: string }

export function IptvPage() {
  const { user } = useAuth();
  const [accounts, setAccounts] = useState<IptvAccount[] | null>(null);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>("vod");
  const [playing, setPlaying] = useState<Playing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const items = (await iptvApi.accounts()).items;
      setAccounts(items);
      setAccountId((current) => current ?? items[0]?.id ?? null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => { void load(); }, [load]);
  useServerEvent("iptv_account_updated", useCallback((changed: IptvAccount) => {
    setAccounts((list) => list?.map((a) => (a.id === changed.id ? changed : a)) ?? list);
  }, []));
  useEffect(() => {
    if (accounts?.length === 0) setTab("accounts"); // nothing to browse yet: start with the account form
  }, [accounts]);
  const manager = canManageLibrary(user?.role);
  const shown = tab;
  return (
    <section className="iptv-page">
      <header className="iptv-head">
        <h1>IPTV</h1>
        {accounts && accounts.length > 1 ? (
          <select aria-label="Account" value={accountId ?? ""} onChange={(e) => setAccountId(Number(e.target.value))}>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        ) : null}
      </header>
      <ErrorNotice message={error} />
      <nav className="iptv-tabs" role="tablist" aria-label="IPTV sections">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={shown === t.id}
            className={shown === t.id ? "tab tab-on" : "tab"} onClick={() => setTab(t.id)}>{t.label}</button>
        ))}
      </nav>
      {playing ? <Player playing={playing} onClose={() => setPlaying(null)} /> : null}
      {shown === "accounts" ? (
        <Accounts accounts={accounts ?? []} admin={isAdmin(user?.role)} manager={manager} onChanged={load} />
      ) : shown === "downloads" ? (
        <Downloads manager={manager} />
      ) : accountId !== null ? (
        <Browse key={`${accountId}-${shown}`} accountId={accountId} section={shown} manager={manager} onPlay={setPlaying} />
      ) : null}
    </section>
  );
}

function Player({ playing, onClose }: { playing: Playing; onClose: () => void }) {
  return (
    <div className="card iptv-player" role="region" aria-label="Player">
      <div className="iptv-player-head">
        <strong>{playing.title}</strong>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      {playing.hls ? <HlsVideo key={playing.url} playing={playing} /> : (
        <video src={playing.url} controls autoPlay playsInline aria-label={`Playing ${playing.title}`} />
      )}
    </div>
  );
}

function HlsVideo({ playing }: { playing: Playing }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [url, setUrl] = useState(playing.url);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    let cancelled = false;
    let detach: () => void = () => undefined;
    const fallBack = () => { if (playing.fallback && url !== playing.fallback) setUrl(playing.fallback); };
    const method = url === playing.url ? "video" : "direct";
    void attachSource(element, { method, url }, fallBack).then((d) => { if (cancelled) d(); else detach = d; });
    return () => { cancelled = true; detach(); };
  }, [playing, url]);
  return <video ref={ref} controls autoPlay playsInline aria-label={`Playing ${playing.title}`} />;
}

// --- browsing --------------------------------------------------------------------------------------
function Browse({ accountId, section, manager, onPlay }: {
  accountId: number; section: Section; manager: boolean; onPlay: (p: Playing) => void;
}) {
  const [sidebar, setSidebar] = useState<Sidebar | null>(null);
  const [filter, setFilter] = useState<BrowseFilter>({});
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search, 300);
  const [page, setPage] = useState<CatalogPage | null>(null);
  const [selected, setSelected] = useState<Stream | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    iptvApi.sidebar(accountId, section).then(setSidebar, (e) => setError(messageOf(e)));
  }, [accountId, section]);
  useEffect(() => {
    iptvApi.browse(accountId, section, { ...filter, search: debounced.trim() || undefined })
      .then(setPage, (e) => setError(messageOf(e)));
  }, [accountId, section, filter, debounced]);
  const choose = (patch: BrowseFilter) => { setSelected(null); setFilter((f) => ({ ...f, ...patch, offset: 0 })); };
  function open(item: Stream) {
    if (section === "live") {
      onPlay({ title: item.name, url: liveHlsUrl(accountId, item.stream_id), hls: true,
               fallback: playUrl(accountId, "live", item.stream_id) });
    } else setSelected(item);
  }
  async function toggleFavorite(item: Stream) {
    try {
      const updated = await iptvApi.favorite(accountId, section, item.stream_id, !item.favorite);
      setPage((p) => p && { ...p, items: p.items.map((i) => (i.stream_id === updated.stream_id ? updated : i)) });
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="iptv-browse">
      <aside className="iptv-sidebar" aria-label="Categories">
        <button type="button" className={!filter.category ? "cat cat-on" : "cat"} onClick={() => choose({ category: undefined })}>
          All <span className="muted">{sidebar?.counts[section] ?? ""}</span>
        </button>
        {sidebar?.categories.map((c) => (
          <button key={c.category_id} type="button" className={filter.category === c.category_id ? "cat cat-on" : "cat"}
            onClick={() => choose({ category: c.category_id })}>
            {c.name} <span className="muted">{c.count}</span>
          </button>
        ))}
      </aside>
      <div className="iptv-main">
        <div className="iptv-filters">
          <input type="search" aria-label="Search titles" placeholder="Search…" value={search}
            onChange={(e) => setSearch(e.target.value)} />
          {sidebar && sidebar.languages.length > 0 ? (
            <select aria-label="Language" value={filter.language ?? ""} onChange={(e) => choose({ language: e.target.value || undefined })}>
              <option value="">All languages</option>
              {sidebar.languages.map((l) => <option key={l.language} value={l.language}>{l.language} ({l.count})</option>)}
            </select>
          ) : null}
          <label className="inline-check">
            <input type="checkbox" checked={!!filter.favorites} onChange={(e) => choose({ favorites: e.target.checked })} /> Favorites
          </label>
          {filter.actor ? (
            <button type="button" className="chip" onClick={() => choose({ actor: undefined })}>Actor: {filter.actor} ✕</button>
          ) : null}
        </div>
        <ErrorNotice message={error} />
        {selected && section === "vod" ? (
          <MovieDetail accountId={accountId} item={selected} manager={manager} onPlay={onPlay}
            onActor={(actor) => choose({ actor })} onClose={() => setSelected(null)} />
        ) : null}
        {selected && section === "series" ? (
          <SeriesPanel accountId={accountId} item={selected} manager={manager} onPlay={onPlay}
            onActor={(actor) => choose({ actor })} onClose={() => setSelected(null)} />
        ) : null}
        {page && page.items.length === 0 ? <EmptyState title="Nothing here">Sync the account, or change the filters.</EmptyState> : null}
        <ul className="iptv-grid" aria-label="Titles">
          {page?.items.map((item) => (
            <li key={item.stream_id} className="iptv-card card">
              <button type="button" className="iptv-open" onClick={() => open(item)} aria-label={`Open ${item.name}`}>
                <Poster url={item.icon} />
                <span className="iptv-name">{item.name}</span>
                <span className="muted">{[item.year, item.rating ? `★ ${item.rating}` : null].filter(Boolean).join(" · ")}</span>
              </button>
              <button type="button" className="fav" aria-pressed={item.favorite}
                aria-label={item.favorite ? `Unfavorite ${item.name}` : `Favorite ${item.name}`}
                onClick={() => void toggleFavorite(item)}>{item.favorite ? "♥" : "♡"}</button>
            </li>
          ))}
        </ul>
        {page && page.total > page.offset + page.items.length ? (
          <button type="button" onClick={() => setFilter((f) => ({ ...f, offset: (f.offset ?? 0) + 60 }))}>Next page</button>
        ) : null}
      </div>
    </div>
  );
}

function Poster({ url }: { url: string | null }) {
  const safe = safeUrl(url);
  return safe?.startsWith("https:") ? <img src={safe} alt="" loading="lazy" className="poster" />
    : <span className="poster poster-empty" aria-hidden="true">▶</span>;
}

function Cast({ cast, onActor }: { cast: string | null; onActor: (name: string) => void }) {
  const names = (cast ?? "").split(",").map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return null;
  return (
    <p className="cast">Cast: {names.map((n) => <button key={n} type="button" className="link" onClick={() => onActor(n)}>{n}</button>)}</p>
  );
}

function DownloadButton({ accountId, kind, id }: { accountId: number; kind: "movie" | "episode"; id: string }) {
  const [state, setState] = useState<string | null>(null);
  async function start() {
    try {
      await iptvApi.download(accountId, kind, id);
      setState("Download queued — see the Downloads tab.");
    } catch (e) {
      setState(messageOf(e));
    }
  }
  return state ? <span className="muted" role="status">{state}</span> : <button type="button" onClick={() => void start()}>Download</button>;
}

function MovieDetail({ accountId, item, manager, onPlay, onActor, onClose }: {
  accountId: number; item: Stream; manager: boolean; onPlay: (p: Playing) => void; onActor: (n: string) => void; onClose: () => void;
}) {
  return (
    <article className="card iptv-detail" aria-label={item.name}>
      <h2>{item.name}{item.year ? ` (${item.year})` : ""}</h2>
      {item.plot ? <p>{item.plot}</p> : null}
      <Cast cast={item.cast} onActor={onActor} />
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => onPlay({ title: item.name, url: playUrl(accountId, "movie", item.stream_id) })}>Play</button>
        {manager ? <DownloadButton accountId={accountId} kind="movie" id={item.stream_id} /> : null}
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </article>
  );
}

function SeriesPanel({ accountId, item, manager, onPlay, onActor, onClose }: {
  accountId: number; item: Stream; manager: boolean; onPlay: (p: Playing) => void; onActor: (n: string) => void; onClose: () => void;
}) {
  const [detail, setDetail] = useState<SeriesDetail | null>(null);
  const [season, setSeason] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    iptvApi.series(accountId, item.stream_id).then((d) => {
      setDetail(d);
      setSeason(d.seasons[0]?.season ?? null);
    }, (e) => setError(messageOf(e)));
  }, [accountId, item.stream_id]);
  async function track(mode: "all" | "new" | "from_season") {
    try {
      await iptvApi.track(accountId, item.stream_id, mode === "from_season" ? { mode, from_season: season ?? 1 } : { mode });
      setNote(mode === "new" ? "Tracking new episodes." : mode === "all" ? "Tracking every episode." : `Tracking from season ${season ?? 1}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const episodes = detail?.seasons.find((s) => s.season === season)?.episodes ?? [];
  return (
    <article className="card iptv-detail" aria-label={item.name}>
      <h2>{item.name}{item.year ? ` (${item.year})` : ""}</h2>
      {item.plot ? <p>{item.plot}</p> : null}
      <Cast cast={item.cast} onActor={onActor} />
      <ErrorNotice message={error} />
      <InfoNotice message={note} />
      {detail ? (
        <div className="seasons" role="tablist" aria-label="Seasons">
          {detail.seasons.map((s) => (
            <button key={s.season} type="button" role="tab" aria-selected={s.season === season}
              className={s.season === season ? "tab tab-on" : "tab"} onClick={() => setSeason(s.season)}>
              {s.season === 0 ? "Specials" : `Season ${s.season}`}
            </button>
          ))}
        </div>
      ) : <p className="muted">Loading episodes…</p>}
      <ol className="iptv-episodes" aria-label="Episodes">
        {episodes.map((e) => (
          <li key={e.episode_id}>
            <span>{e.episode_num ?? "?"}. {e.title}</span>
            <span className="actions">
              <button type="button" onClick={() => onPlay({ title: `${item.name} — ${e.title}`, url: playUrl(accountId, "episode", e.episode_id) })}>Play</button>
              {manager ? <DownloadButton accountId={accountId} kind="episode" id={e.episode_id} /> : null}
            </span>
          </li>
        ))}
      </ol>
      <div className="actions">
        {manager ? (
          <>
            <button type="button" onClick={() => void track("new")}>Track new episodes</button>
            <button type="button" onClick={() => void track("all")}>Track all</button>
            <button type="button" onClick={() => void track("from_season")}>Track from this season</button>
          </>
        ) : null}
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </article>
  );
}

// --- downloads ---------------------------------------------------------------------------------------
interface Live { speed: number; eta: number | null }

function Downloads({ manager }: { manager: boolean }) {
  const [items, setItems] = useState<IptvDownload[]>([]);
  const [live, setLive] = useState<Record<number, Live>>({});
  const [tracked, setTracked] = useState<{ series_id: string; name: string | null; mode: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    iptvApi.downloads().then((d) => setItems(d.items), (e) => setError(messageOf(e)));
    iptvApi.tracked().then((t) => setTracked(t.items), () => undefined);
  }, []);
  useEffect(load, [load]);
  useServerEvent("iptv_download_progress", useCallback((p) => {
    setItems((list) => {
      const known = list.some((d) => d.id === p.id);
      if (!known) {
        load();
        return list;
      }
      return list.map((d) => (d.id === p.id ? { ...d, status: p.status, done_bytes: p.done_bytes, total_bytes: p.total_bytes } : d));
    });
    setLive((l) => ({ ...l, [p.id]: { speed: p.speed_bps, eta: p.eta_s } }));
  }, [load]));
  // A failed attempt the job system will try again reads "retrying" once its job is queued again.
  useServerEvent("job_updated", useCallback((job) => { if (job.kind === "iptv.download") load(); }, [load]));
  async function control(id: number, action: "pause" | "resume" | "cancel") {
    try {
      const updated = await iptvApi.control(id, action);
      setItems((list) => list.map((d) => (d.id === id ? updated : d)));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="iptv-downloads">
      <ErrorNotice message={error} />
      {items.length === 0 ? <EmptyState title="No downloads yet">Open a film or an episode and choose Download.</EmptyState> : null}
      <ul className="iptv-download-list" aria-label="IPTV downloads">
        {items.map((d) => {
          const percent = d.total_bytes ? Math.min(100, (100 * d.done_bytes) / d.total_bytes) : 0;
          const speed = live[d.id];
          return (
            <li key={d.id} className="card" aria-label={`Download ${d.title}`}>
              <strong>{d.title}{d.kind === "episode" ? ` S${String(d.season ?? 0).padStart(2, "0")}E${String(d.episode_num ?? 0).padStart(2, "0")}` : ""}</strong>
              <progress max={100} value={percent} aria-label={`Progress of ${d.title}`} />
              <span className="muted" data-status={d.status}>
                {d.status}{d.retry ? ` (${retryText(d.retry)})` : ""} · {formatBytes(d.done_bytes)} of {formatBytes(d.total_bytes)}
                {d.status === "downloading" && speed ? ` · ${formatBytes(speed.speed)}/s${speed.eta !== null ? ` · ${Math.round(speed.eta)} s left` : ""}` : ""}
              </span>
              {d.error ? <span className="error-text">{d.error}</span> : null}
              {manager ? (
                <span className="actions">
                  {d.status === "queued" || d.status === "downloading" ? <button type="button" onClick={() => void control(d.id, "pause")}>Pause</button> : null}
                  {d.status === "paused" || d.status === "failed" ? <button type="button" onClick={() => void control(d.id, "resume")}>Resume</button> : null}
                  {d.status !== "done" && d.status !== "cancelled" ? <button type="button" onClick={() => void control(d.id, "cancel")}>Cancel</button> : null}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {tracked.length > 0 ? (
        <section className="card" aria-label="Tracked series">
          <h2>Tracked series</h2>
          <ul>{tracked.map((t) => <li key={t.series_id}>{t.name ?? t.series_id} — {t.mode}</li>)}</ul>
        </section>
      ) : null}
    </div>
  );
}

// --- accounts ----------------------------------------------------------------------------------------
function Accounts({ accounts, admin, manager, onChanged }: {
  accounts: IptvAccount[]; admin: boolean; manager: boolean; onChanged: () => void;
}) {
  const [report, setReport] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<IptvAccount | null>(null);
  async function test(id: number) {
    setError(null);
    try {
      const t = await iptvApi.test(id);
      const expiry = t.expires_at ? new Date(t.expires_at * 1000).toLocaleDateString() : "never";
      setReport(`${t.status} · expires ${expiry} · ${t.active_connections} of ${t.max_connections} connections in use`);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  async function act(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="iptv-accounts">
      <ErrorNotice message={error} />
      <InfoNotice message={report} />
      {accounts.length === 0 ? <EmptyState title="No IPTV account yet">{admin ? "Add your provider's account below." : "Ask an admin to add one."}</EmptyState> : null}
      <ul className="iptv-account-list">
        {accounts.map((a) => (
          <li key={a.id} className="card" aria-label={`Account ${a.name}`}>
            <strong>{a.name}</strong> <span className="muted">{a.base_url} · {a.username}</span>
            <p className="muted" data-sync={a.sync_status}>
              {a.sync_status === "syncing" ? "Syncing…" : a.sync_status === "error" ? `Sync failed: ${a.sync_error ?? ""}` : a.synced_at ? "Synced" : "Not synced yet"}
              {a.status ? ` · ${a.status}` : ""}
            </p>
            {manager ? (
              <span className="actions">
                <button type="button" onClick={() => void test(a.id)}>Test connection</button>
                <button type="button" onClick={() => void act(() => iptvApi.sync(a.id))} disabled={a.sync_status === "syncing"}>Sync</button>
                {admin ? <button type="button" onClick={() => setEditing(a)}>Edit</button> : null}
                {admin ? <button type="button" onClick={() => void act(() => iptvApi.removeAccount(a.id))}>Remove</button> : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {admin ? (
        <AccountForm key={editing?.id ?? "new"} editing={editing}
          onSaved={() => { setEditing(null); onChanged(); }} onCancel={() => setEditing(null)} />
      ) : null}
    </div>
  );
}

function AccountForm({ editing, onSaved, onCancel }: {
  editing: IptvAccount | null; onSaved: () => void; onCancel: () => void;
}) {
  const empty = { name: editing?.name ?? "", base_url: editing?.base_url ?? "", username: editing?.username ?? "", password: "" };
  const [fields, setFields] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing) {
        const { password, ...rest } = fields; // an empty password field keeps the stored one
        await iptvApi.editAccount(editing.id, password ? fields : rest);
      } else {
        await iptvApi.addAccount(fields);
      }
      setFields(empty);
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  const field = (key: keyof typeof fields, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`iptv-${key}`}>{label}</label>
      <input id={`iptv-${key}`} type={type} value={fields[key]} required={key !== "name" && !(editing && key === "password")}
        autoComplete="off" spellCheck={false} placeholder={editing && key === "password" ? "unchanged" : undefined}
        onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} />
    </div>
  );
  return (
    <form className="card" aria-label={editing ? `Edit ${editing.name}` : "Add an account"} onSubmit={(e) => void submit(e)}>
      <h2>{editing ? `Edit ${editing.name}` : "Add an account"}</h2>
      {field("name", "Name")}
      {field("base_url", "Server URL")}
      {field("username", "User name")}
      {field("password", "Password", "password")}
      <ErrorNotice message={error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Saving…" : editing ? "Save account" : "Add account"}
        </button>
        {editing ? <button type="button" onClick={onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}
