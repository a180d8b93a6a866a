import { Link, type LinkProps } from 'react-router';

/** A router link with the NL Design System link style. */
export function AppLink({ className, ...props }: LinkProps) {
  return <Link className={`utrecht-link utrecht-link--html-a${className ? ` ${className}` : ''}`} {...props} />;
}
