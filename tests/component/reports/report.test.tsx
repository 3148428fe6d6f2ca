import { describe, it, expect, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Answer } from '../../../shared/domain';
import { ReportPage } from '../../../renderer/features/reports/ReportPage';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { finishVisit } from '../../../renderer/features/visits/data/visitOutcome';
import { saveVisitEdits, startVisit } from '../../../renderer/features/visits/data/visits';
import { EXTRA_KEYS } from '../../../renderer/features/visits/data/visitExtras';
import { localDay } from '../../../renderer/data/localTime';
import type { Repository } from '../../../renderer/data/repository';
import { renderWithData } from '../renderApp';

const today = localDay();

/** A won deal and a finished post-sale visit this month, done through the app's own writes. */
async function monthOfWork(repo: Repository) {
  const client = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
  const closing = await startVisit(repo, { kind: 'closing', clientId: client.id });
  const closingRun = (await repo.db.checklistRuns.where('visitId').equals(closing).first())!;
  await saveVisitEdits(
    repo,
    { visitId: closing, runId: closingRun.id },
    {
      answers: {
        guard_no_haste: true,
        guard_no_paperwork: true,
        guard_no_pressure: true,
        outcome: 'won',
        promised_benefits: 'Экономия энергии\nБыстрая поставка\nОбучение',
      },
    },
  );
  const won = await finishVisit(repo, closing, { today });
  const purchase = (await repo.db.purchases.get(won.purchaseId!))!;
  const [a, b, c] = purchase.promisedBenefits;
  const visitId = await startVisit(repo, { kind: 'post_sale', clientId: client.id });
  const run = (await repo.db.checklistRuns.where('visitId').equals(visitId).first())!;
  const answers: Record<string, Answer> = {
    promises: [
      { benefitId: a!.id, reality: 'below', comment: 'около 12%' },
      { benefitId: b!.id, reality: 'met', comment: '' },
      { benefitId: c!.id, reality: 'exceeded', comment: '' },
    ],
    delivery_check: 'as_agreed',
    installation_check: 'not_applicable',
    training_check: 'as_agreed',
    payment_check: 'as_agreed',
    satisfaction: 4,
    would_recommend: 9,
    buy_again: 'definitely',
    referrals: 'given',
    problems_found: true,
    [EXTRA_KEYS.problems]: JSON.stringify([
      {
        id: 'p',
        description: 'Шумит компрессор',
        owner: 'Иванов',
        due: today,
        status: 'open',
        sellersFault: true,
      },
    ]),
    [EXTRA_KEYS.referrals]: JSON.stringify([
      { id: 'r1', name: 'ООО Лютик', contactPerson: '', phone: '', note: '' },
      { id: 'r2', name: 'ИП Васильев', contactPerson: '', phone: '', note: '' },
    ]),
  };
  await saveVisitEdits(repo, { visitId, runId: run.id }, { answers });
  await finishVisit(repo, visitId, { today });
}

function figure(region: HTMLElement, label: string) {
  const row = within(region).getByRole('rowheader', { name: label }).closest('tr')!;
  return within(row).getByRole('cell').textContent;
}

describe('the rep’s monthly report', { timeout: 30_000 }, () => {
  it('counts promises against reality, referrals, problems and satisfaction for the month, with charts', async () => {
    const { repo } = await renderWithData(<ReportPage today={today} />, 'ru');
    await monthOfWork(repo);

    const promises = await screen.findByRole('region', { name: 'Обещания и реальность' });
    await within(promises).findByRole('img', { name: /Обещания, проверенные/ });
    expect([
      figure(promises, 'Ниже'),
      figure(promises, 'Как обещали'),
      figure(promises, 'Лучше'),
    ]).toEqual(['1', '1', '1']);
    expect(within(promises).getByText('Экономия энергии')).toBeInTheDocument();

    const referrals = screen.getByRole('region', { name: 'Рекомендации' });
    expect(figure(referrals, 'Получено')).toBe('2');
    expect(figure(referrals, 'Спросили на послепродажных визитах')).toBe('1 из 1');

    const problems = screen.getByRole('region', { name: 'Проблемы' });
    expect([
      figure(problems, 'Заведено'),
      figure(problems, 'из них по нашей вине'),
      figure(problems, 'Открыто сейчас'),
    ]).toEqual(['1', '1', '1']);

    const satisfaction = screen.getByRole('region', {
      name: 'Удовлетворённость и готовность рекомендовать',
    });
    // One chart per measure, each spoken as its months and values, this month last.
    expect(
      within(satisfaction).getByRole('img', { name: /^Удовлетворённость, 1–5: .* 4$/ }),
    ).toBeInTheDocument();
    expect(
      within(satisfaction).getByRole('img', { name: /^Порекомендуют, 0–10: .* 9$/ }),
    ).toBeInTheDocument();
    const lastRow = within(satisfaction).getAllByRole('row').at(-1)!;
    expect(
      within(lastRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '4', '9', '100']);

    const atRisk = screen.getByRole('region', { name: 'Клиенты под угрозой ухода' });
    expect(within(atRisk).getByRole('link', { name: 'ООО Ромашка' })).toBeInTheDocument();
    expect(within(atRisk).getByText(/обещание не оправдалось/)).toBeInTheDocument();
  });

  it('another month is counted on its own, and Print opens the print dialog', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { repo } = await renderWithData(<ReportPage today={today} />, 'en');
    await monthOfWork(repo);
    const referrals = await screen.findByRole('region', { name: 'Referrals' });
    await within(referrals).findByText('2');
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(await screen.findByText('No promises were checked this month.')).toBeInTheDocument();
    expect(figure(screen.getByRole('region', { name: 'Referrals' }), 'Obtained')).toBe('0');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it('the month is picked in the app’s language by keyboard, and Previous month steps the year back', async () => {
    const user = userEvent.setup();
    await renderWithData(<ReportPage today="2026-01-15" />, 'ru');
    const month = await screen.findByRole('combobox', { name: 'Месяц' });
    const year = screen.getByRole('combobox', { name: 'Год' });
    expect(within(month).getByRole('option', { selected: true })).toHaveTextContent('январь');
    expect(
      within(month)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('ноябрь');
    expect((year as HTMLSelectElement).value).toBe('2026');
    await user.click(screen.getByRole('button', { name: 'Предыдущий месяц' }));
    expect(within(month).getByRole('option', { selected: true })).toHaveTextContent('декабрь');
    expect((year as HTMLSelectElement).value).toBe('2025');
    await user.selectOptions(month, 'март');
    expect(
      await screen.findByRole('heading', { level: 1, name: /март 2025/i }),
    ).toBeInTheDocument();
  });
});
