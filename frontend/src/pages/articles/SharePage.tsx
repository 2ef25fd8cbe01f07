// The share target (manifest.webmanifest): a phone's "share" sends a link here as ?url= (or inside
// ?text=, as many apps do); the person confirms and it is saved like a pasted link.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { articlesApi } from "../../lib/articlesApi";
import { sharedUrl } from "./links";


export function SharePage() {
  const [params] = useSearchParams();
  const url = sharedUrl(params);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async () => {
    if (!url) return;
    try {
      await articlesApi.save(url, []);
      setDone(`Saving ${url}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section>
      <h1>Save a shared link</h1>
      <ErrorNotice message={error} />
      <InfoNotice message={done} />
      {!url ? <p className="muted">No web address came with what was shared.</p> : null}
      {url && !done ? (
        <div className="card">
          <p>Save <strong>{params.get("title") || url}</strong> to read later?</p>
          <button type="button" className="button-primary" onClick={() => void save()}>Save article</button>
        </div>
      ) : null}
      <p><Link to="/articles">Your articles</Link></p>
    </section>
  );
}
