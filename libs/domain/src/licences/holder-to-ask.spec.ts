import { askForRenewal, licenceHolderToAsk } from './holder-to-ask';

describe('whom a customer is told to ask about a licence', () => {
  it('names the holder to anyone else', () => {
    expect(askForRenewal('boss@acme.example', 'jane@acme.example')).toBe(
      "ask the licence's holder (boss@acme.example) or your account manager",
    );
    expect(licenceHolderToAsk('boss@acme.example', 'jane@acme.example')).toBe(
      "the licence's holder (boss@acme.example)",
    );
  });

  it('never tells the holder to ask herself, however her token spells her address', () => {
    expect(askForRenewal('boss@acme.example', 'Boss@ACME.example')).toBe('ask your account manager');
    expect(licenceHolderToAsk('boss@acme.example', ' BOSS@acme.example')).toBe("the licence's holder");
  });

  it('sends to the account manager alone when the holder is not known', () => {
    expect(askForRenewal(undefined, 'jane@acme.example')).toBe('ask your account manager');
    expect(askForRenewal('boss@acme.example', undefined)).toBe('ask your account manager');
  });
});
