// Admin only: create users, change their role (viewer, library manager, admin: lib/roles.ts),
// disable or delete them. The server refuses (409)
// any change that would leave no active admin; its message is shown as is. The page disables the
// last active admin's controls up front and asks before an admin demotes or disables themself
// (the rules: ./userRules.ts).
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { api, messageOf, type Role, type User } from "../../lib/api";
import { DEFAULT_ROLE, ROLE_CHOICES } from "../../lib/roles";
import { confirmationFor, isLastActiveAdmin, LAST_ADMIN_HINT } from "./userRules";

function RoleOptions() {
  return <>{ROLE_CHOICES.map((r) => <option key={r.value} value={r.value} title={r.hint}>{r.label}</option>)}</>;
}

interface RoleSelectProps {
  value: Role;
  onChange: (role: Role) => void;
  label: string;
  locked: boolean;
}

function RoleSelect({ value, onChange, label, locked }: RoleSelectProps) {
  return (
    <select aria-label={label} value={value} disabled={locked} title={locked ? LAST_ADMIN_HINT : undefined}
      onChange={(e) => onChange(e.target.value as Role)}>
      <RoleOptions />
    </select>
  );
}

interface UserItemProps {
  user: User;
  isSelf: boolean;
  isLastAdmin: boolean;
  onChange: (user: User, changes: { role?: Role; disabled?: boolean }) => void;
  onDelete: (user: User) => void;
}

function UserItem({ user, isSelf, isLastAdmin, onChange, onDelete }: UserItemProps) {
  const lockedHint = isLastAdmin ? LAST_ADMIN_HINT : undefined;
  return (
    <li className="row-item" data-username={user.username}>
      <span className="row-main">
        <strong>{user.username}</strong>
        {isSelf ? <span className="badge">you</span> : null}
        {user.disabled ? <span className="badge badge-cancelled">disabled</span> : null}
        {isLastAdmin ? <span className="badge" title={LAST_ADMIN_HINT}>only active admin</span> : null}
      </span>
      <span className="row-actions">
        <RoleSelect label={`Role of ${user.username}`} value={user.role} locked={isLastAdmin}
          onChange={(role) => onChange(user, { role })} />
        <button type="button" disabled={isLastAdmin} title={lockedHint} onClick={() => onChange(user, { disabled: !user.disabled })}>
          {user.disabled ? "Enable" : "Disable"}
        </button>
        <button type="button" className="button-danger" disabled={isSelf || isLastAdmin} title={lockedHint}
          onClick={() => onDelete(user)}>
          Delete
        </button>
      </span>
    </li>
  );
}

export function UsersSection({ currentUserId }: { currentUserId: number }) {
  const [users, setUsers] = useState<User[]>([]);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>(DEFAULT_ROLE);
  const [error, setError] = useState<string | null>(null);
  const roleId = useId();

  const refresh = useCallback(async () => {
    try {
      setUsers((await api.listUsers()).items);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    }
    await refresh();
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await api.createUser(username.trim(), password, role);
      setUsername("");
      setPassword("");
    });
  }

  function change(user: User, changes: { role?: Role; disabled?: boolean }) {
    const question = confirmationFor(user, user.id === currentUserId, changes);
    if (question === null) {
      void run(() => api.updateUser(user.id, changes));
    } else if (window.confirm(question)) {
      setError(null);
      // Our own rights changed: load the app again (the users list is no longer ours to read).
      api.updateUser(user.id, changes).then(() => window.location.reload(), (e: unknown) => setError(messageOf(e)));
    }
  }

  function remove(user: User) {
    if (window.confirm(`Delete the user "${user.username}"? This cannot be undone.`)) void run(() => api.deleteUser(user.id));
  }

  return (
    <div className="card">
      <h2>Users</h2>
      <form className="form-row" onSubmit={(e) => void create(e)} aria-label="Create a user">
        <Field label="New username" required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        <Field label="Password" type="password" required minLength={8} autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
        </div>
        <button type="submit">Add user</button>
      </form>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {users.map((u) => (
          <UserItem key={u.id} user={u} isSelf={u.id === currentUserId} isLastAdmin={isLastActiveAdmin(u, users)}
            onChange={change} onDelete={remove} />
        ))}
      </ul>
    </div>
  );
}
