// Manual music matching (docs/API.md): MusicBrainz search, the files' own tags, and a match by
// release (album or track) or recording id, through the one API client in ./api.
import { request, type Answer, type DuplicateAction, type MediaItem } from "./api";

export type MusicSearch = Answer<"/api/music/search", "get">;
export type MusicRelease = MusicSearch["releases"][number];
export type MusicRecording = MusicSearch["recordings"][number];
export type MusicTags = Answer<"/api/media/{media_id}/tags", "get">;
export type MusicScope = "album" | "track";

const enc = encodeURIComponent;

export const musicApi = {
  search: (params: { artist?: string; album?: string; title?: string }) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v && v.trim()) as [string, string][]);
    return request<MusicSearch>("GET", `/api/music/search?${q.toString()}`);
  },
  tags: (id: string) => request<MusicTags>("GET", `/api/media/${enc(id)}/tags`),
  matchRelease: (id: string, musicbrainz_release_id: string, scope: MusicScope) =>
    request<MediaItem>("POST", `/api/media/${enc(id)}/match`, { body: { musicbrainz_release_id, scope } }),
  /** One answer for every held second copy of a track of the same album. */
  decideAlbumDuplicate: (id: string, action: DuplicateAction) =>
    request<MediaItem>("POST", `/api/media/${enc(id)}/duplicate`, { body: { action, scope: "album" } }),
  matchRecording: (id: string, musicbrainz_recording_id: string) =>
    request<MediaItem>("POST", `/api/media/${enc(id)}/match`, { body: { musicbrainz_recording_id } }),
};

/** Audio items get the music identify dialog (MusicBrainz), everything else TMDb's. */
export const isMusicKind = (kind: string) => ["track", "album", "artist"].includes(kind);
