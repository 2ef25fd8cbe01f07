// Subscriptions to channels and playlists (docs/DOWNLOADS.md "Subscriptions"): the list with Check
// now and Delete, and for managers a form to subscribe with a preset, a schedule, only-new uploads
// and retention (keep the newest N, or N days). The server checks a new subscription at once.
import { useId, useState, type FormEvent } from "react";
import { useLoadedList } from "../../components/hooks";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { downloadsApi, PRESET_LABELS, type Subscription, type SubscriptionInput } from "../../lib/downloadsApi";

function whenChecked(at: number | null): string {
  return at ? `checked ${new Date(at * 1000).toLocaleString()}` : "not checked yet";
}

function retention(sub: Subscription): string {
  const parts = [sub.only_new ? "only new uploads" : "everything listed"];
  if (sub.keep_last) parts.push(`keeps the newest ${sub.keep_last}`);
  if (sub.keep_days) parts.push(`keeps ${sub.keep_days} days`);
  return parts.join(", ");
}

function SubscribeForm({ presets, onAdded }: { presets: string[]; onAdded: (s: Subscription) => void }) {
  const [url, setUrl] = useState("");
  const [name, setName] = useState("");
  const [preset, setPreset] = useState("best_mp4");
  const [schedule, setSchedule] = useState("");
  const [onlyNew, setOnlyNew] = useState(true);
  const [keepLast, setKeepLast] = useState("");
  const [keepDays, setKeepDays] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { url: useId(), name: useId(), preset: useId(), schedule: useId(), onlyNew: useId(), keepLast: useId(), keepDays: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: SubscriptionInput = { url: url.trim(), preset, only_new: onlyNew };
    if (name.trim()) body.name = name.trim();
    if (schedule.trim()) body.schedule = schedule.trim();
    if (keepLast.trim()) body.keep_last = Number(keepLast);
    if (keepDays.trim()) body.keep_days = Number(keepDays);
    setBusy(true);
    setError(null);
    try {
      onAdded(await downloadsApi.subscribe(body));
      setUrl("");
      setName("");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card download-form subscribe-form" onSubmit={(e) => void submit(e)} aria-label="Subscribe">
      <div className="field">
        <label htmlFor={ids.url}>Channel or playlist URL</label>
        <input id={ids.url} type="url" required value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.name}>Name (optional)</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.preset}>Format for new uploads</label>
        <select id={ids.preset} value={preset} onChange={(e) => setPreset(e.target.value)}>
          {presets.map((p) => (
            <option key={p} value={p}>{PRESET_LABELS[p] ?? p}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.schedule}>Schedule (cron or "daily HH:MM"; empty: every 6 hours)</label>
        <input id={ids.schedule} value={schedule} placeholder="0 */6 * * *" onChange={(e) => setSchedule(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.onlyNew}>
          <input id={ids.onlyNew} type="checkbox" checked={onlyNew} onChange={(e) => setOnlyNew(e.target.checked)} /> Only new uploads
        </label>
      </div>
      <div className="field">
        <label htmlFor={ids.keepLast}>Keep the newest (videos, empty: all)</label>
        <input id={ids.keepLast} type="number" min={1} value={keepLast} onChange={(e) => setKeepLast(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.keepDays}>Keep for (days, empty: always)</label>
        <input id={ids.keepDays} type="number" min={1} value={keepDays} onChange={(e) => setKeepDays(e.target.value)} />
      </div>
      <button type="submit" disabled={busy || !url.trim()}>Subscribe</button>
      <ErrorNotice message={error} />
    </form>
  );
}

export function Subscriptions({ presets, canManage }: { presets: string[]; canManage: boolean }) {
  const { items, error, setError, load } = useLoadedList(downloadsApi.subscriptions, messageOf);
  const [done, setDone] = useState<string | null>(null);

  async function act(what: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await what();
      setDone(message);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section className="download-subscriptions" aria-labelledby="subscriptions-heading">
      <h2 id="subscriptions-heading">Subscriptions</h2>
      {canManage ? <SubscribeForm presets={presets} onAdded={(s) => { setDone(`Subscribed to ${s.name}; checking it now.`); void load(); }} /> : null}
      <InfoNotice message={done} />
      <ErrorNotice message={error} />
      {items.length === 0 ? <EmptyState title="No subscriptions">Subscribe to a channel or playlist to download its new uploads.</EmptyState> : null}
      <ul className="job-list subscription-list">
        {items.map((sub) => (
          <li key={sub.id} className="card subscription" data-subscription-id={sub.id}>
            <div className="subscription-head">
              <strong className="subscription-name">{sub.name}</strong>
              <span className="muted"> · {PRESET_LABELS[sub.preset] ?? sub.preset} · {sub.schedule}</span>
            </div>
            <div className="muted subscription-url">{sub.url}</div>
            <div className="muted">{retention(sub)} · <span className="subscription-checked">{whenChecked(sub.last_checked_at)}</span></div>
            {canManage ? (
              <div className="actions">
                <button type="button" onClick={() => void act(() => downloadsApi.checkSubscription(sub.id), `Checking ${sub.name}.`)}>Check now</button>
                <button type="button" className="button-danger"
                  onClick={() => void act(() => downloadsApi.unsubscribe(sub.id), `Unsubscribed from ${sub.name}; its videos stay.`)}>Delete</button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
