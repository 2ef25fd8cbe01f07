// The Discs page (docs/DISCS.md): every disc seen, newest first, kept current by `disc_updated`
// over Socket.IO — the label and kind, the candidates and the countdown before the rip, the choice
// (another match, a typed title, TV with series/season/first episode), the titles the rip will
// make, start, hold, cancel and retry, live progress with fps and ETA, and the result.
import { useCallback, useEffect, useState } from "react";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { upsertDisc } from "../../lib/discs";
import { discsApi, type Disc } from "../../lib/discsApi";
import { useServerEvent } from "../../lib/socket";
import { DiscCard } from "./DiscCard";
import "./discs.css";

export function DiscsPage() {
  const [discs, setDiscs] = useState<Disc[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    discsApi.list().then((r) => { setDiscs(r.items); setError(null); }, (e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  const onChanged = useCallback((changed: Disc) => setDiscs((list) => upsertDisc(list ?? [], changed)), []);
  useServerEvent("disc_updated", onChanged);
  return (
    <section className="discs-page">
      <h1>Discs</h1>
      <ErrorNotice message={error} />
      {discs && discs.length === 0 ? (
        <EmptyState title="No disc yet">
          Insert a disc, or drop an ISO or a VIDEO_TS folder into the watch folder: it appears here within seconds.
        </EmptyState>
      ) : null}
      <ul className="disc-list" aria-label="Discs">
        {(discs ?? []).map((disc) => <DiscCard key={disc.id} disc={disc} onChanged={onChanged} />)}
      </ul>
    </section>
  );
}
