// An album's tracks as the Music pages show them: split by disc, their total length, and the
// player links that play an album in order. Pure functions over the cards' fields.

/** What these helpers read of a track's card. */
export interface NumberedTrack {
  disc_number?: number | null;
  duration_s?: number | null;
}

/** The player link of a track; ``inOrder`` plays the rest of its album after it (``?from=album``). */
export function playLink(trackId: string, inOrder: boolean): string {
  return `/media/${encodeURIComponent(trackId)}/play${inOrder ? "?from=album" : ""}`;
}

export interface Disc<T> {
  number: number | null;
  tracks: T[];
}

/** The album's tracks (already in disc and track order from the server) split by disc. */
export function byDisc<T extends NumberedTrack>(tracks: T[]): Disc<T>[] {
  const discs: Disc<T>[] = [];
  for (const track of tracks) {
    const last = discs[discs.length - 1];
    if (last && last.number === (track.disc_number ?? null)) last.tracks.push(track);
    else discs.push({ number: track.disc_number ?? null, tracks: [track] });
  }
  return discs;
}

/** The length of a set of tracks, from their probed durations ("42 min"); empty when unknown. */
export function totalLength(tracks: NumberedTrack[]): string {
  const seconds = tracks.reduce((sum, t) => sum + (t.duration_s ?? 0), 0);
  if (!seconds) return "";
  return seconds < 60 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}
