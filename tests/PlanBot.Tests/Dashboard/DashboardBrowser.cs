using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace PlanBot.Tests.Dashboard;

/// <summary>
/// The bureau of <see cref="DashboardBureau"/> and one headless Chromium for a test class, driven through Debian's
/// chromedriver (never a browser downloaded at test time). Without chromium and chromium-driver the tests fail and say
/// what to install: CI installs them (.ci/run).
/// </summary>
public sealed class DashboardBrowser : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private ChromeDriver? _driver;

    public DashboardBureau Bureau { get; } = new();

    public IWebDriver Driver => _driver ?? throw new InvalidOperationException(
        $"No browser: install Debian's chromium and chromium-driver ({ChromiumPath}, {DriverPath}): apt-get install -y chromium chromium-driver");

    public async Task InitializeAsync()
    {
        await Bureau.InitializeAsync();
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            return;
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // A phone-sized window: the page is made for phones first.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=420,1400", "--lang=zh-CN");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(15);
    }

    /// <summary>Opens the page as Telegram opens a Mini App: the signed initData in the address's fragment.</summary>
    public void OpenAsTelegramUser(long userId)
    {
        Driver.Manage().Cookies.DeleteAllCookies();
        // Away first: an address that differs only in its fragment would not load the page again.
        Driver.Navigate().GoToUrl("about:blank");
        Driver.Navigate().GoToUrl(Bureau.BaseUrl + "/#tgWebAppData=" + Uri.EscapeDataString(Bureau.InitData(userId)) + "&tgWebAppVersion=8.0");
    }

    /// <summary>Waits (at most five seconds) until <paramref name="condition"/> holds.</summary>
    public T Until<T>(Func<IWebDriver, T> condition)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(5)) { PollingInterval = TimeSpan.FromMilliseconds(50) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public void WaitUntilReady() => Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");

    public async Task DisposeAsync()
    {
        Dispose();
        await Bureau.DisposeAsync();
    }

    public void Dispose()
    {
        _driver?.Quit();
        _driver?.Dispose();
        _driver = null;
    }
}
