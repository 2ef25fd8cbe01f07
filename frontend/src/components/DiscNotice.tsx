// A notice over every signed-in page while a disc waits for a person or is being ripped (like the
// disk banner): its label, what it waits for, and a link to the Discs page. Kept current by
// `disc_updated` over Socket.IO; not shown on the Discs page itself.
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { discToAnnounce, isRunning, kindName, upsertDisc } from "../lib/discs";
import { discsApi, type Disc } from "../lib/discsApi";
import { useServerEvent } from "../lib/socket";

function noticeText(disc: Disc): string {
  const name = `${kindName(disc.kind)} “${disc.label || "without a label"}”`;
  if (disc.status === "imaging") return `${name} is being copied to an image: ${Math.round(disc.progress)} %.`;
  if (disc.status === "ejected") return `${name} is ejected and can be taken out; its image is being ripped: ${Math.round(disc.progress)} %.`;
  if (isRunning(disc.status)) return `${name} is being ripped: ${Math.round(disc.progress)} %.`;
  if (disc.status === "ripped_before") return `${name} was ripped before: rip it again?`;
  if (disc.status === "review") return `${name} needs you before it is ripped.`;
  return `${name} inserted: check the title before the rip starts.`;
}

export function DiscNotice() {
  const [discs, setDiscs] = useState<Disc[]>([]);
  const { pathname } = useLocation();
  useEffect(() => {
    discsApi.list().then((r) => setDiscs(r.items), () => undefined); // no access or offline: no notice
  }, []);
  useServerEvent("disc_updated", useCallback((changed: Disc) => setDiscs((list) => upsertDisc(list, changed)), []));
  const disc = discToAnnounce(discs);
  if (!disc || pathname.startsWith("/discs")) return null;
  return (
    <p className="notice notice-info disc-notice" role="status" data-disc-id={disc.id}>
      {noticeText(disc)}
      <Link to="/discs">Open Discs</Link>
    </p>
  );
}
