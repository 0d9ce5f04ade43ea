import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTRPC } from '../../trpc';
import { Avatar } from '../../ui/list';
import { useResetSession, type MeAccount } from '../auth/use-session';

/**
 * A disclosure menu: Escape or a click outside closes it and focus returns to the button;
 * tabbing out of it closes it too.
 */
export function AccountMenu({ account }: { account: MeAccount }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const resetSession = useResetSession();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: async () => {
        resetSession();
        await navigate('/');
      },
    }),
  );

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div
      className="menu"
      ref={rootRef}
      onBlur={(event) => {
        // Tabbing out closes it; a click elsewhere is handled by the pointer listener.
        const next = event.relatedTarget;
        if (next instanceof Node && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="menu__button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={t('shell.accountMenu', { name: account.displayName })}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={account.displayName} />
        <span className="menu__name">{account.displayName}</span>
      </button>
      {open && (
        <ul className="menu__list" id={listId}>
          <li className="menu__meta">
            <strong>{account.displayName}</strong>
            {account.email}
          </li>
          <li>
            <Link className="menu__item" to="/account" onClick={() => setOpen(false)}>
              {t('shell.accountSettings')}
            </Link>
          </li>
          <li>
            <Link className="menu__item" to="/surveys" onClick={() => setOpen(false)}>
              {t('surveys.forMe.title')}
            </Link>
          </li>
          <li>
            <Link className="menu__item" to="/privacy-center" onClick={() => setOpen(false)}>
              {t('shell.privacyCenter')}
            </Link>
          </li>
          {account.isInstanceAdmin && (
            <li>
              <Link className="menu__item" to="/admin" onClick={() => setOpen(false)}>
                {t('shell.admin')}
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="menu__item"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              {t('shell.signOut')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
