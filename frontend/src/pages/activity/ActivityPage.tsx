// The activity log (admins): who logged in or failed to, from which address, what changed, was
// deleted, ripped or downloaded. Filters by event, user, address and age; newest first, paged.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { activityApi, type ActivityEntry, type ActivityQuery } from "../../lib/activityApi";
import { messageOf } from "../../lib/api";
import { formatTime } from "../../lib/format";
import "./activity.css";

const AGES = [
  { label: "any time", seconds: 0 },
  { label: "last hour", seconds: 3600 },
  { label: "last day", seconds: 86400 },
  { label: "last week", seconds: 7 * 86400 },
];
const FAILURES = new Set(["login_failed", "rip_failed", "download_failed", "organize_failed"]);

function EntryRow({ entry }: { entry: ActivityEntry }) {
  return (
    <li className="row-item activity-entry" data-testid="activity-entry" data-event={entry.event}>
      <span className="row-main">
        <span className={FAILURES.has(entry.event) ? "badge badge-failed" : "badge"}>{entry.event}</span>{" "}
        <strong>{entry.username || "system"}</strong>
        {entry.count > 1 ? <span className="badge badge-cancelled"> ×{entry.count}</span> : null}
        {entry.what ? <span className="activity-what"> {entry.what}</span> : null}
      </span>
      <span className="muted row-meta">
        <span className="activity-address">{entry.address || "—"}</span> ·{" "}
        {entry.count > 1 ? `${formatTime(entry.at)} – ${formatTime(entry.last_at)}` : formatTime(entry.at)}
      </span>
    </li>
  );
}

export function ActivityPage() {
  const [events, setEvents] = useState<string[]>([]);
  const [draft, setDraft] = useState({ event: "", user: "", address: "", age: 0 });
  const [query, setQuery] = useState<ActivityQuery>({});
  const [items, setItems] = useState<ActivityEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const eventId = useId();
  const ageId = useId();

  const load = useCallback(async (wanted: ActivityQuery, append: boolean) => {
    setError(null);
    try {
      const page = await activityApi.list(wanted);
      setItems((old) => (append ? [...old, ...page.items] : page.items));
      setNext(page.next_before_id);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void load(query, false);
  }, [load, query]);

  useEffect(() => {
    activityApi.events().then((answer) => setEvents(answer.events), (e: unknown) => setError(messageOf(e)));
  }, []);

  function apply(event: FormEvent) {
    event.preventDefault();
    const since = draft.age ? Math.floor(Date.now() / 1000) - draft.age : undefined;
    setQuery({ event: draft.event, user: draft.user.trim(), address: draft.address.trim(), since });
  }

  return (
    <section className="activity-page">
      <h1>Activity</h1>
      <form className="form-row card" onSubmit={apply} aria-label="Filter the activity log">
        <div className="field">
          <label htmlFor={eventId}>Event</label>
          <select id={eventId} value={draft.event} onChange={(e) => setDraft({ ...draft, event: e.target.value })}>
            <option value="">all events</option>
            {events.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </div>
        <Field label="User" value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} />
        <Field label="Address" value={draft.address} onChange={(e) => setDraft({ ...draft, address: e.target.value })} />
        <div className="field">
          <label htmlFor={ageId}>When</label>
          <select id={ageId} value={draft.age} onChange={(e) => setDraft({ ...draft, age: Number(e.target.value) })}>
            {AGES.map((age) => (
              <option key={age.seconds} value={age.seconds}>{age.label}</option>
            ))}
          </select>
        </div>
        <button type="submit">Filter</button>
        <button type="button" className="button-quiet" onClick={() => void load(query, false)}>Refresh</button>
      </form>
      <ErrorNotice message={error} />
      {items.length === 0 ? (
        <EmptyState title="Nothing recorded">Nothing matches these filters.</EmptyState>
      ) : (
        <ul className="row-list">
          {items.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {next !== null ? (
        <button type="button" className="button-quiet" onClick={() => void load({ ...query, before_id: next }, true)}>
          Older entries
        </button>
      ) : null}
    </section>
  );
}
