// The export's effective settings with a form to change them. Secrets are write-only: the page
// shows whether one is set, never its value; typing a new one replaces it, "Remove" clears it.
import { useEffect, useId, useState, type FormEvent } from "react";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { strmApi, type StrmSettings } from "../../lib/strmApi";
import { changesOf, draftOf, GROUPS, type Draft, type FieldSpec } from "./settingsForm";

interface InputProps {
  spec: FieldSpec;
  value: string | boolean;
  isSet: boolean;
  onChange: (value: string | boolean) => void;
  onRemoveSecret: () => void;
}

function SecretInput({ spec, value, isSet, onChange, onRemoveSecret }: InputProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {spec.label}{" "}
        <span className={isSet ? "badge badge-done" : "badge"} data-testid={`secret-${spec.key}`}>{isSet ? "set" : "not set"}</span>
      </label>
      <div className="secret-row">
        <input id={id} type="password" autoComplete="new-password" value={String(value)} placeholder={isSet ? "type to replace" : ""}
          onChange={(e) => onChange(e.target.value)} />
        {isSet ? <button type="button" className="button-quiet" onClick={onRemoveSecret}>Remove</button> : null}
      </div>
    </div>
  );
}

function SettingInput(props: InputProps) {
  const { spec, value, onChange } = props;
  const id = useId();
  if (spec.kind === "secret") return <SecretInput {...props} />;
  if (spec.kind === "bool") {
    return (
      <label className="check">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <span>{spec.label}</span>
      </label>
    );
  }
  const hint = spec.hint ? <small className="field-hint">{spec.hint}</small> : null;
  if (spec.kind === "select") {
    return (
      <div className="field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {(spec.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
        {hint}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <input id={id} type={spec.kind === "number" ? "number" : "text"} inputMode={spec.kind === "number" ? "decimal" : undefined}
        step={spec.step} min={spec.min} max={spec.max} value={String(value)} spellCheck={false} autoComplete="off"
        onChange={(e) => onChange(e.target.value)} />
      {hint}
    </div>
  );
}

export function SettingsForm({ settings, onSaved }: { settings: StrmSettings; onSaved: (settings: StrmSettings) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setDraft(draftOf(settings)), [settings]);

  async function save(changes: Parameters<typeof strmApi.saveSettings>[0], done: string) {
    setBusy(true);
    setError(null);
    setInfo(null);
    try {
      onSaved(await strmApi.saveSettings(changes));
      setInfo(done);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    let changes;
    try {
      changes = changesOf(settings, draft);
    } catch (e) {
      setError(messageOf(e));
      return;
    }
    if (Object.keys(changes).length === 0) {
      setInfo("Nothing changed.");
      return;
    }
    void save(changes, "Settings saved.");
  }

  return (
    <form className="card strm-settings" aria-label="Export settings" onSubmit={submit}>
      <h2>Settings</h2>
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="strm-group">
          <legend>{group.title}</legend>
          {group.fields.map((spec) => (
            <SettingInput key={spec.key} spec={spec} value={draft[spec.key]} isSet={settings[spec.key] === true}
              onChange={(value) => setDraft((d) => ({ ...d, [spec.key]: value }))}
              onRemoveSecret={() => void save({ [spec.key]: "" }, `${spec.label} removed.`)} />
          ))}
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? "Saving…" : "Save settings"}</button>
        <button type="button" className="button-quiet" disabled={busy} onClick={() => setDraft(draftOf(settings))}>Undo changes</button>
      </div>
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
    </form>
  );
}
