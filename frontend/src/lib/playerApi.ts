// The player's API (docs/PLAYER.md): how a file plays in this browser, the end of a playback
// session when the viewer leaves, and signed stream links for external players.
import { request, sendOnExit, type Answer, type Body } from "./api";
import type { components } from "./api.gen";

export type PlayPlan = components["schemas"]["PlayPlan"];
export type PlayTrack = components["schemas"]["PlayTrack"];
export type PlaySubtitle = components["schemas"]["PlaySubtitle"];
export type PlayRequest = Body<"/api/media/{media_id}/play", "post">;

const enc = encodeURIComponent;

export const playerApi = {
  play: (id: string, body: PlayRequest) => request<PlayPlan>("POST", `/api/media/${enc(id)}/play`, { body }),
  streamLink: (id: string, fileId: number) =>
    request<Answer<"/api/media/{media_id}/stream-link", "post">>("POST", `/api/media/${enc(id)}/stream-link`, { body: { file_id: fileId } }),
  /** Ends a remux/transcode session: ffmpeg stops and its segments go (also while the page unloads). */
  endSession: (sessionId: string) => sendOnExit("DELETE", `/api/transcode/${enc(sessionId)}`),
};
