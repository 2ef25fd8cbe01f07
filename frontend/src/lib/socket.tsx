// One Socket.IO connection per signed-in browser tab, shared by every page through context.
// The server authenticates it by the session cookie and checks the Origin; we connect to our own
// origin over WebSocket only (docs/API.md).
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
// The events and their payloads are generated from the server's event classes (events.gen.ts).
import type { ServerEvents } from "./events.gen";

export type LiveSocket = Socket<ServerEvents>;

interface SocketContextValue {
  socket: LiveSocket | null;
  connected: boolean;
}

const SocketContext = createContext<SocketContextValue>({ socket: null, connected: false });

/** ``sessionEpoch`` changes when the session cookie is replaced (a password change ends the old
 * session, and the server drops sockets of ended sessions): connect again with the new cookie.
 * ``onEnded`` runs when the server itself drops the socket (this session was ended from the devices
 * page, the user disabled or their password changed): the app asks who is logged in, and a 401
 * takes this browser to the login page within moments. */
export function SocketProvider({ sessionEpoch, onEnded, children }: { sessionEpoch: number; onEnded?: () => void; children: ReactNode }) {
  const [value, setValue] = useState<SocketContextValue>({ socket: null, connected: false });
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const socket: LiveSocket = io({ path: "/socket.io", transports: ["websocket"], withCredentials: true });
    const update = () => setValue({ socket, connected: socket.connected });
    socket.on("connect", update);
    socket.on("disconnect", (reason) => {
      update();
      if (reason === "io server disconnect") ended.current?.();
    });
    socket.on("connect_error", update);
    update();
    return () => {
      socket.off();
      socket.disconnect();
    };
  }, [sessionEpoch]);

  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export function useSocket(): SocketContextValue {
  return useContext(SocketContext);
}

/** Subscribe to one server event for as long as the calling component is mounted. */
export function useServerEvent<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): void {
  const { socket } = useSocket();
  useEffect(() => {
    if (!socket) return undefined;
    // The typed overloads of socket.io-client cannot follow a generic event name; the event map
    // (events.gen.ts) already ties `handler` to `event`, so use the untyped view for (un)subscribing.
    const raw = socket as unknown as Socket;
    const name: string = event;
    const listener = handler as unknown as (...args: unknown[]) => void;
    raw.on(name, listener);
    return () => {
      raw.off(name, listener);
    };
  }, [socket, event, handler]);
}
