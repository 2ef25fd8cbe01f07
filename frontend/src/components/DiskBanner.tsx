// A banner over every signed-in page while the server's disk runs low or is full (GET /api/health,
// asked on load and every minute). The text is ours, rendered as text.
import { useEffect, useState } from "react";
import { api, type Health } from "../lib/api";
import { diskBanner } from "../lib/diskSpace";

const POLL_MS = 60_000;

export function DiskBanner() {
  const [disk, setDisk] = useState<Health["disk"] | null>(null);
  useEffect(() => {
    let alive = true;
    const ask = () =>
      api.health().then(
        (health) => alive && setDisk(health.disk),
        () => undefined, // health unreachable: the live indicator already says so
      );
    void ask();
    const timer = window.setInterval(() => void ask(), POLL_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, []);
  const banner = diskBanner(disk);
  if (!banner) return null;
  return (
    <p className={banner.level === "error" ? "notice notice-error disk-banner" : "notice notice-warning disk-banner"} role="alert">
      {banner.text}
    </p>
  );
}
