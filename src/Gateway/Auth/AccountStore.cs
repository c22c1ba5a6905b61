using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// The accounts of this gateway: configured ones, plus API.md's demo accounts when enabled. It
/// follows configuration as it reloads, so an account removed or changed there is refused at once
/// (<see cref="Account.Stamp"/>); a reload that fails validation keeps the accounts it had.
/// </summary>
public sealed class AccountStore : IDisposable
{
    /// <summary>The demo passwords of API.md; configured accounts may never use them.</summary>
    public static IReadOnlyList<string> DemoPasswords { get; } = ["operator-demo", "supervisor-demo", "field-demo"];

    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly ILogger<AccountStore> _logger;
    private readonly Lock _reload = new();

    // What an unknown username's password is checked against; a random password nobody knows.
    private static readonly Lazy<string> NoAccountHash = new(() => PasswordHasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    // Made once: each demo hash is a PBKDF2 run.
    private readonly Lazy<Account[]> _demo;

    // A hash checked against the demo passwords stays checked (three PBKDF2 runs each).
    private readonly Dictionary<string, bool> _demoHashes = new(StringComparer.Ordinal);

    private AuthOptions _source;
    private Dictionary<string, Account> _accounts;

    public AccountStore(IOptionsMonitor<AuthOptions> options, ILogger<AccountStore> logger)
    {
        _options = options;
        _logger = logger;
        _demo = new Lazy<Account[]>(() => DemoAccounts(options.CurrentValue.FieldLanguage));
        _source = options.CurrentValue;
        _accounts = Build(_source);

        // At once, not at the next request: open connections hold tokens that a reload may revoke.
        _onChange = options.OnChange(_ =>
        {
            var before = _accounts;
            if (!ReferenceEquals(Current, before))
            {
                Reloaded?.Invoke();
            }
        });
    }

    private readonly IDisposable? _onChange;

    /// <summary>Raised after the accounts were rebuilt from a reloaded configuration (not for one refused).</summary>
    public event Action? Reloaded;

    public int Count => Current.Count;

    /// <summary>The field teams' accounts, whose usernames are their subscriber ids.</summary>
    public IEnumerable<Account> FieldAccounts => Current.Values.Where(a => a.Role == Roles.Field);

    /// <summary>
    /// The account when the password matches; null otherwise (unknown user or wrong password alike,
    /// in time too: an unknown user's password is checked against a hash of nothing, or the
    /// answer's speed would tell which usernames exist).
    /// </summary>
    public Account? Authenticate(string username, string password)
    {
        if (!Current.TryGetValue(username, out var account))
        {
            _ = PasswordHasher.Verify(password, NoAccountHash.Value);
            return null;
        }

        return PasswordHasher.Verify(password, account.PasswordHash) ? account : null;
    }

    public Account? Find(string username) => Current.GetValueOrDefault(username);

    /// <inheritdoc />
    public void Dispose() => _onChange?.Dispose();

    /// <summary>The accounts of the configuration as it is now; rebuilt on the first call after a reload.</summary>
    private Dictionary<string, Account> Current
    {
        get
        {
            AuthOptions now;
            try
            {
                now = _options.CurrentValue;
            }
            catch (OptionsValidationException e)
            {
                AuthLog.AccountsNotReloaded(_logger, e.Message);
                return _accounts;
            }

            if (ReferenceEquals(now, _source))
            {
                return _accounts;
            }

            lock (_reload)
            {
                if (!ReferenceEquals(now, _source))
                {
                    try
                    {
                        _accounts = Build(now);
                        AuthLog.AccountsReloaded(_logger, _accounts.Count);
                    }
                    catch (InvalidOperationException e)
                    {
                        AuthLog.AccountsNotReloaded(_logger, e.Message);
                    }

                    _source = now;
                }

                return _accounts;
            }
        }
    }

    private Dictionary<string, Account> Build(AuthOptions auth)
    {
        var accounts = new Dictionary<string, Account>(StringComparer.OrdinalIgnoreCase);
        foreach (var configured in auth.Accounts)
        {
            if (UsesDemoPassword(configured.PasswordHash))
            {
                throw new InvalidOperationException($"Account '{configured.Username}' uses a demo password; configure a real one.");
            }

            accounts[configured.Username] = new Account(configured.Username, configured.PasswordHash, configured.Role, configured.Language ?? auth.FieldLanguage);
        }

        if (auth.DemoAccounts)
        {
            foreach (var demo in _demo.Value)
            {
                accounts.TryAdd(demo.Username, demo);
            }
        }

        return accounts;
    }

    private bool UsesDemoPassword(string hash)
    {
        if (!_demoHashes.TryGetValue(hash, out var demo))
        {
            _demoHashes[hash] = demo = DemoPasswords.Any(password => PasswordHasher.Verify(password, hash));
        }

        return demo;
    }

    private static Account[] DemoAccounts(string language)
    {
        var fieldHash = PasswordHasher.Hash("field-demo");
        return
        [
            Account.Demo("operator", "operator-demo", PasswordHasher.Hash("operator-demo"), Roles.Operator, language),
            Account.Demo("supervisor", "supervisor-demo", PasswordHasher.Hash("supervisor-demo"), Roles.Supervisor, language),
            // A second supervisor approves what the first asks to publish (Cases:EscalationApprovers 2).
            Account.Demo("supervisor2", "supervisor-demo", PasswordHasher.Hash("supervisor-demo"), Roles.Supervisor, language),
            .. Enumerable.Range(1, 5).Select(i => Account.Demo($"field{i}", "field-demo", fieldHash, Roles.Field, language)),
        ];
    }
}
