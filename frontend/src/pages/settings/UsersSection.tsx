// Admin only: create users, change their role, disable or delete them. The server refuses (409)
// any change that would leave no active admin; its message is shown as is.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { api, messageOf, type Role, type User } from "../../lib/api";

function RoleSelect({ value, onChange, label }: { value: Role; onChange: (role: Role) => void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      <option value="user">user</option>
      <option value="admin">admin</option>
    </select>
  );
}

interface UserItemProps {
  user: User;
  isSelf: boolean;
  onChange: (user: User, changes: { role?: Role; disabled?: boolean }) => void;
  onDelete: (user: User) => void;
}

function UserItem({ user, isSelf, onChange, onDelete }: UserItemProps) {
  return (
    <li className="row-item" data-username={user.username}>
      <span className="row-main">
        <strong>{user.username}</strong>
        {isSelf ? <span className="badge">you</span> : null}
        {user.disabled ? <span className="badge badge-cancelled">disabled</span> : null}
      </span>
      <span className="row-actions">
        <RoleSelect label={`Role of ${user.username}`} value={user.role} onChange={(role) => onChange(user, { role })} />
        <button type="button" onClick={() => onChange(user, { disabled: !user.disabled })}>
          {user.disabled ? "Enable" : "Disable"}
        </button>
        <button type="button" className="button-danger" disabled={isSelf} onClick={() => onDelete(user)}>
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
  const [role, setRole] = useState<Role>("user");
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
            <option value="user">user</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit">Add user</button>
      </form>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {users.map((u) => (
          <UserItem key={u.id} user={u} isSelf={u.id === currentUserId}
            onChange={(target, changes) => void run(() => api.updateUser(target.id, changes))} onDelete={remove} />
        ))}
      </ul>
    </div>
  );
}
