import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading.tsx';

/**
 * A page that only says something: not found, no access. A thing one may not see is not confirmed
 * to exist, so "not found" and "no access" to a child look the same. `link` leads on.
 */
export function MessagePage({ title, detail, link }: { title: string; detail: ReactNode; link: ReactNode }) {
  return (
    <>
      <PageHeading title={title} />
      <p className="utrecht-paragraph">{detail}</p>
      <p className="utrecht-paragraph">{link}</p>
    </>
  );
}
