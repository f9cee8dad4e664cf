import { createContext, useContext, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, UNAUTHENTICATED_EVENT } from '../api/client';
import type { SessionView } from '../api/types';

interface Session {
  user: SessionView;
  can: (...roles: string[]) => boolean;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside SessionProvider');
  }
  return session;
}

/** Back to the login page: no session, and nothing read with the last one kept in memory. */
function forget(client: QueryClient) {
  client.setQueryData(['session'], null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}

/** Shows the login page until the server says who is logged in; back to it when the session ends or expires. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const session = useQuery({
    queryKey: ['session'],
    queryFn: () => call<SessionView>('/session'),
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    const expired = () => forget(client);
    window.addEventListener(UNAUTHENTICATED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, expired);
  }, [client]);

  if (session.isPending) {
    return <p className="loading" role="status">Đang tải…</p>;
  }
  const user = session.data;
  if (!user) {
    return <LoginPage />;
  }
  const value: Session = {
    user,
    can: (...roles) => roles.some((role) => user.roles.includes(role)),
    logout: async () => {
      await call('/session', { method: 'DELETE' }).catch(() => undefined);
      forget(client);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function LoginPage() {
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await call<SessionView>('/session', { method: 'POST', body: { username, password } });
      client.setQueryData(['session'], user);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'Tên đăng nhập hoặc mật khẩu không đúng.'
        : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sổ cái Xây dựng xã hội học tập</h1>
        <p>Đăng nhập để tiếp tục.</p>
        <label htmlFor="username">Tên đăng nhập</label>
        <input id="username" name="username" autoComplete="username" required value={username}
               onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Mật khẩu</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password}
               onChange={(e) => setPassword(e.target.value)} />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Đang đăng nhập…' : 'Đăng nhập'}</button>
      </form>
    </main>
  );
}
