// Home: the next episode of the shows you watch, where you left off (continue watching) and what
// arrived lately, for the signed-in user.
import { useCallback, useEffect, useState } from "react";
import { ErrorNotice } from "../components/Notice";
import { MediaRow } from "../components/PosterCard";
import { libraryApi, messageOf, type Answer } from "../lib/api";
import { useServerEvent } from "../lib/socket";
import { NextUpRow } from "./NextUpRow";

export function HomePage() {
  const [rows, setRows] = useState<Answer<"/api/home", "get"> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    libraryApi.home().then((home) => {
      setRows(home);
      setError(null);
    }).catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  useServerEvent("library_updated", load);
  return (
    <section>
      <h1>Home</h1>
      <ErrorNotice message={error} />
      {rows ? (
        <>
          <NextUpRow items={rows.next_up} />
          <MediaRow title="Continue watching" items={rows.continue_watching} empty="Nothing started yet." />
          <MediaRow title="Recently added" items={rows.recently_added} empty="The library is empty." />
        </>
      ) : <p className="loading">Loading…</p>}
    </section>
  );
}
