/** After a failed submit: put the keyboard on the first field the server (or the form) marked invalid. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  const field = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
}
