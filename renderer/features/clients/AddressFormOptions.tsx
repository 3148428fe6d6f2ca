import { useTranslation } from 'react-i18next';
import type { AddressForm } from '../../../shared/domain';

/** «Not known yet» first: most people are added before the rep knows. */
const CHOICES: readonly AddressForm[] = ['unknown', 'formal', 'informal'];

/** The options of a select for how a contact person wants to be addressed. */
export function AddressFormOptions() {
  const { t } = useTranslation();
  return (
    <>
      {CHOICES.map((f) => (
        <option key={f} value={f}>
          {t(`clients.addressForm.${f}`)}
        </option>
      ))}
    </>
  );
}
