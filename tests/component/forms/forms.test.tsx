// The shared form pieces (renderer/ui): how a field is read out, and how an action
// the rep waits for reports that it is busy and what went wrong.
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Field } from '../../../renderer/ui/Field';
import { ActionButton } from '../../../renderer/ui/ActionButton';
import { useAction } from '../../../renderer/ui/useAction';

describe('Field', () => {
  it('the label names the control, and the hint and an error are read out with it', () => {
    render(
      <Field id="days" label="Own cadence, days" hint="Empty: the default" error="A whole number">
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'Own cadence, days' });
    expect(input).toHaveAccessibleDescription('Empty: the default A whole number');
    expect(input).toBeInvalid();
  });

  it('a warning is read out but leaves the value valid; no hint or message, no description', () => {
    render(
      <>
        <Field id="mail" label="E-mail" warning="Check the address">
          {(control) => <input {...control} />}
        </Field>
        <Field id="role" label="Role">
          {(control) => <input {...control} />}
        </Field>
      </>,
    );
    const mail = screen.getByRole('textbox', { name: 'E-mail' });
    expect(mail).toHaveAccessibleDescription('Check the address');
    expect(mail).toBeValid();
    expect(screen.getByRole('textbox', { name: 'Role' })).not.toHaveAttribute('aria-describedby');
  });
});

/** A start that waits for the test to let it go, then succeeds or fails. */
function Starter({ outcome }: { outcome: { release?: (fail: boolean) => void } }) {
  const [done, setDone] = useState(0);
  const action = useAction((e) => `Could not start: ${(e as Error).message}`);
  const start = () =>
    action.run(async () => {
      const fail = await new Promise<boolean>((resolve) => (outcome.release = resolve));
      if (fail) throw new Error('offline');
      setDone((n) => n + 1);
    });
  return (
    <>
      <p>done {done}</p>
      <ActionButton action={action} label="Start" busyLabel="Starting…" onClick={start} />
    </>
  );
}

describe('useAction with ActionButton', () => {
  it('busy while it runs and cannot be pressed twice; a failure is shown, and cleared by the next try', async () => {
    const user = userEvent.setup();
    const outcome: { release?: (fail: boolean) => void } = {};
    render(<Starter outcome={outcome} />);

    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByRole('button', { name: 'Starting…' })).toBeDisabled();
    outcome.release!(true);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not start: offline');
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.queryByRole('alert')).toBeNull();
    outcome.release!(false);
    expect(await screen.findByText('done 1')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
