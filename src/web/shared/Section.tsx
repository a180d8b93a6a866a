import type { ReactNode, Ref } from 'react';
import { Button } from '@utrecht/button-react';

/**
 * A part of a page with its own h2, named by it for assistive technology (aria-labelledby).
 * `panel` frames it; `headingRef` lets the page move focus to the heading (the heading is then
 * focusable from script only).
 */
export function Section({
  id,
  heading,
  panel,
  className,
  headingRef,
  children,
}: {
  id: string;
  heading: ReactNode;
  panel?: boolean;
  className?: string;
  headingRef?: Ref<HTMLHeadingElement>;
  children?: ReactNode;
}) {
  return (
    <section className={`samenspel-section${panel ? ' samenspel-panel' : ''}${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="utrecht-heading-2">
        {heading}
      </h2>
      {children}
    </section>
  );
}

/** The buttons under a form or a section, in one row that wraps. */
export function Actions({ children }: { children: ReactNode }) {
  return <div className="utrecht-button-group samenspel-actions">{children}</div>;
}

/** Facts as a description list: term and value, one pair a row; pairs whose value is null or false are left out. */
export function Facts({ items, className }: { items: readonly (readonly [ReactNode, ReactNode] | false | null | undefined)[]; className?: string }) {
  return (
    <dl className={`samenspel-dl${className ? ` ${className}` : ''}`}>
      {items.map((item, i) =>
        item ? (
          <div key={i}>
            <dt>{item[0]}</dt>
            <dd>{item[1]}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/** The submit button of a form, alone in its row. */
export function SubmitRow({ children, appearance = 'primary-action-button', busy }: { children: ReactNode; appearance?: 'primary-action-button' | 'secondary-action-button'; busy?: boolean }) {
  return (
    <Actions>
      <Button type="submit" appearance={appearance} busy={busy}>
        {children}
      </Button>
    </Actions>
  );
}
