// Error and success messages. The text may come from the server: it is rendered as text.
import type { ReactNode } from "react";
export function ErrorNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

export function InfoNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice-info" role="status">
      {message}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <p className="empty-hint">{children}</p> : null}
    </div>
  );
}
