// What the app says about the server's free disk space (GET /api/health's "disk"): nothing while
// there is room, a warning when it runs low, an error when writes fail with 507.
export interface DiskSpaceReport {
  state: "ok" | "low" | "full";
  free_bytes: number;
}

export interface DiskBanner {
  level: "warning" | "error";
  text: string;
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(1)} ${units[unit]}`;
}

export function diskBanner(disk: DiskSpaceReport | null | undefined): DiskBanner | null {
  if (!disk || disk.state === "ok") return null;
  if (disk.state === "full") {
    return {
      level: "error",
      text:
        "The server's disk is full: uploads, new jobs and even logging in may fail until an admin frees " +
        "some space (old uploads, job work folders, backups).",
    };
  }
  return {
    level: "warning",
    text: `The server's disk is running low: ${formatBytes(disk.free_bytes)} left. Free some space before it fills up.`,
  };
}
