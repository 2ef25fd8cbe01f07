// "Copy stream link": a signed, expiring URL of the file for VLC, mpv or Infuse, copied to the
// clipboard (or shown to copy by hand where the clipboard is not available).
import { useState } from "react";
import { messageOf } from "../../../lib/api";
import { playerApi } from "../../../lib/playerApi";

export function StreamLink({ mediaId, fileId }: { mediaId: string; fileId: number }) {
  const [shown, setShown] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    try {
      const { url } = await playerApi.streamLink(mediaId, fileId);
      const absolute = new URL(url, window.location.origin).toString();
      setShown(absolute);
      await navigator.clipboard.writeText(absolute);
      setStatus("Copied: paste it into VLC or mpv (valid for a limited time).");
    } catch (e) {
      setStatus(e instanceof DOMException ? "Copy the link below by hand." : messageOf(e));
    }
  };
  return (
    <div className="stream-link">
      <button type="button" onClick={() => void copy()}>Copy stream link</button>
      {status ? <span className="muted" role="status">{status}</span> : null}
      {shown ? <input readOnly value={shown} aria-label="Stream link" data-testid="stream-link" onFocus={(e) => e.target.select()} /> : null}
    </div>
  );
}
