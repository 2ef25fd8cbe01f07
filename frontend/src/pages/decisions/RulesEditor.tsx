// The keep-or-stream rules, highest priority first: each a condition over facts (JSON, the facts
// and operators listed), an action and how to keep. Managers edit; everyone reads.
import { useCallback, useEffect, useState } from "react";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { ACTIONS, decisionsApi, VIA_LABELS, VIAS, type Rule, type RuleList } from "../../lib/decisionsApi";

const NEW_RULE = { name: "", priority: 45, action: "keep", via: "auto", condition: '{"fact": "imdb_rating", "op": ">=", "value": 8}' };

function parsed(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error("The condition is not valid JSON.");
  }
}

function ViaSelect({ label, value, onChange }: { label: string; value: string; onChange: (via: string) => void }) {
  return (
    <select aria-label={label} className="rule-via" value={value} onChange={(e) => onChange(e.target.value)}>
      {VIAS.map((v) => <option key={v} value={v}>{VIA_LABELS[v]}</option>)}
    </select>
  );
}

function RuleRow({ rule, manager, onSaved, onError }: { rule: Rule; manager: boolean; onSaved: () => void; onError: (m: string) => void }) {
  const [condition, setCondition] = useState(JSON.stringify(rule.condition, null, 1));
  const [priority, setPriority] = useState(String(rule.priority));
  const save = (changes: Parameters<typeof decisionsApi.changeRule>[1]) =>
    decisionsApi.changeRule(rule.id, changes).then(onSaved, (e) => onError(messageOf(e)));
  return (
    <li className="card rule" data-testid="rule">
      <div className="decision-head">
        <span className={`badge decision-${rule.action}`}>{rule.action}</span>
        <strong>{rule.name}</strong>
        <span className="muted">priority {rule.priority}{rule.action === "keep" ? ` · via ${rule.via}` : ""}{rule.enabled ? "" : " · off"}</span>
      </div>
      {rule.description ? <p className="muted">{rule.description}</p> : null}
      <textarea aria-label={`Condition of ${rule.name}`} className="rule-condition" rows={3} value={condition}
        readOnly={!manager} onChange={(e) => setCondition(e.target.value)} />
      {manager ? (
        <div className="decision-actions">
          <input aria-label={`Priority of ${rule.name}`} className="rule-priority" inputMode="numeric" value={priority}
            onChange={(e) => setPriority(e.target.value)} />
          {rule.action === "keep" ? <ViaSelect label={`Keep ${rule.name} through`} value={rule.via} onChange={(via) => void save({ via })} /> : null}
          <button type="button" onClick={() => { try { void save({ condition: parsed(condition), priority: Number(priority) }); } catch (e) { onError(messageOf(e)); } }}>Save</button>
          <button type="button" onClick={() => void save({ enabled: !rule.enabled })}>{rule.enabled ? "Turn off" : "Turn on"}</button>
          <button type="button" className="button-danger" onClick={() => decisionsApi.deleteRule(rule.id).then(onSaved, (e) => onError(messageOf(e)))}>Delete</button>
        </div>
      ) : null}
    </li>
  );
}

function NewRule({ onSaved, onError }: { onSaved: () => void; onError: (m: string) => void }) {
  const [draft, setDraft] = useState(NEW_RULE);
  const add = () => {
    try {
      const body = { name: draft.name, priority: Number(draft.priority), action: draft.action, via: draft.via, condition: parsed(draft.condition) };
      decisionsApi.addRule(body).then(() => { setDraft(NEW_RULE); onSaved(); }, (e) => onError(messageOf(e)));
    } catch (e) {
      onError(messageOf(e));
    }
  };
  return (
    <div className="card new-rule" aria-label="New rule" role="group">
      <h3>New rule</h3>
      <div className="form-row">
        <input aria-label="Rule name" placeholder="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <select aria-label="Action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
          {ACTIONS.map((a) => <option key={a}>{a}</option>)}
        </select>
        <ViaSelect label="Keep through" value={draft.via} onChange={(via) => setDraft({ ...draft, via })} />
      </div>
      <textarea aria-label="New rule condition" className="rule-condition" rows={3} value={draft.condition}
        onChange={(e) => setDraft({ ...draft, condition: e.target.value })} />
      <button type="button" className="button-primary" onClick={add}>Add rule</button>
    </div>
  );
}

export function RulesEditor({ manager }: { manager: boolean }) {
  const [list, setList] = useState<RuleList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    decisionsApi.rules().then((found) => { setList(found); setError(null); }, (e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  return (
    <section aria-label="Rules">
      <h2>Rules</h2>
      <p className="muted">Tried from the highest priority down; the first whose condition holds decides.
        Facts: {list ? Object.keys(list.facts).join(", ") : "…"}. Operators: {list ? list.ops.join(" ") : "…"}.</p>
      <ErrorNotice message={error} />
      <ul className="decision-list">
        {(list?.items ?? []).map((r) => <RuleRow key={`${r.id}-${r.priority}-${r.enabled}`} rule={r} manager={manager} onSaved={load} onError={setError} />)}
      </ul>
      {manager ? <NewRule onSaved={load} onError={setError} /> : null}
    </section>
  );
}
