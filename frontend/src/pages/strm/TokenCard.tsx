// The stream token the exported URLs carry: rotating it revokes the old one, and the next export
// rewrites every .strm file with the new one.
import { useState } from "react";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { strmApi } from "../../lib/strmApi";

export function TokenCard() {
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  async function rotate() {
    const question = "Rotate the stream token? Every exported .strm stops playing until the next export rewrites it.";
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await strmApi.rotateToken();
      setInfo("The stream token was replaced. Run the export to rewrite the .strm files.");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="card" role="region" aria-label="Stream token">
      <h2>Stream token</h2>
      <p className="muted">
        The .strm files hold URLs with a token that can only stream. Rotate it if an exported file leaked.
      </p>
      <button type="button" className="button-danger" onClick={() => void rotate()}>Rotate stream token</button>
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
    </div>
  );
}
