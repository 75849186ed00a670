using System.Globalization;
using System.Text;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Supervision;
using Ledgerlink.EdgeAgent.Updates;
using static Ledgerlink.EdgeAgent.LocalUi.Html;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>The UI's pages, rendered on the server from the agent's current status.</summary>
public sealed class Pages(
    AgentStatus status, SyncActivity activity, LinkedCompanyStore companies, ProductNameStore productNames, AgentOptions agentOptions, BrandingCache branding,
    UpdateStatus updates, WorkerGeneration generation)
{
    /// <summary>
    /// Keeps the open Companies page current while syncs run: twice a second it reads <c>GET /api/companies</c> and
    /// updates each card's status, progress bars and last problem in place (text only: nothing from it becomes markup).
    /// </summary>
    private const string FollowSyncScript =
        "<script>(()=>{function row(list,p){let li=[...list.children].find(e=>e.dataset.type===p.dataType);" +
        "if(!li){li=document.createElement('li');li.dataset.type=p.dataType;const n=document.createElement('span');n.className='data-type';n.textContent=p.dataType;" +
        "const c=document.createElement('span');c.className='count';li.append(n,document.createElement('progress'),c);list.append(li);}" +
        "const bar=li.querySelector('progress');if(p.recordCount===null){bar.removeAttribute('value');bar.removeAttribute('max');}" +
        "else{bar.max=p.recordCount;bar.value=p.recordsSent;}li.querySelector('.count').textContent=p.text;return li;}" +
        "async function follow(){try{const r=await fetch('/api/companies',{cache:'no-store',signal:AbortSignal.timeout(3000)});const body=await r.json();" +
        "for(const c of body.companies){const card=document.querySelector('article.company[data-company=\"'+CSS.escape(c.companyId)+'\"]');if(!card)continue;" +
        "card.querySelector('.sync-status').textContent=c.syncStatus;card.querySelector('.last-sync').textContent=c.lastSync;" +
        "const list=card.querySelector('.progress');const keep=c.running.map(p=>row(list,p));for(const li of [...list.children]){if(!keep.includes(li))li.remove();}" +
        "const f=card.querySelector('.last-failure');f.hidden=c.lastFailure===null;f.querySelector('.reason').textContent=c.lastFailure??'';}}catch(e){}" +
        "setTimeout(follow,500);}setTimeout(follow,500);})();</script>";

    private readonly VersionFolders _versions = new(agentOptions.ResolvedDataFolder);

    private AgentStatus.Snapshot Now => status.Current;

    public string About()
    {
        var now = Now;
        var body = new StringBuilder();
        body.Append("<table>")
            .Append("<tr><th>Connector id</th><td><code id=\"connector-id\">").Append(E(now.ConnectorId ?? "(not registered yet)")).Append("</code> ")
            .Append("<button id=\"copy\" type=\"button\" onclick=\"copyId()\">Copy</button> <span id=\"copied\"></span></td></tr>")
            .Append("<tr><th>Agent version</th><td id=\"version\">").Append(E(AgentVersion.Current)).Append("</td></tr>");
        UpdateStateView.AppendRows(body, now, updates.Current, _versions.Load());
        body.Append("<tr><th>Cluster connection</th><td id=\"connection\">").Append(E(ConnectionText(now))).Append("</td></tr>")
            .Append("<tr><th>Process</th><td id=\"process\">").Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>")
            .Append("<tr><th>Data folder</th><td>").Append(E(agentOptions.ResolvedDataFolder)).Append("</td></tr>")
            .Append("</table>");
        body.Append("<p>Give the connector id to Ledgerlink support when they ask for it.</p>");
        body.Append("<script>async function copyId(){await navigator.clipboard.writeText(document.getElementById('connector-id').textContent);")
            .Append("document.getElementById('copied').textContent='Copied';}</script>");
        return Page("About", body.ToString(), now.RestartLinkEnabled, branding.Current);
    }

    public string Licence()
    {
        var now = Now;
        var body = new StringBuilder("<table id=\"licences\"><tr><th>Product</th><th>Licence key</th></tr>");
        foreach (var company in companies.All())
        {
            var product = productNames.Find(company.CompanyId) ?? company.SageCompanyName ?? "(linked from the command line)";
            body.Append("<tr><td>").Append(E(product)).Append("</td><td><code>").Append(E(company.CompanyId)).Append("</code></td></tr>");
        }

        body.Append("</table>");
        return Page("Licence", body.ToString(), now.RestartLinkEnabled, branding.Current);
    }

    public string Companies(string? error, string? info)
    {
        var now = Now;
        var body = new StringBuilder(Message(error, info));
        var linked = companies.All();
        if (linked.Count == 0)
        {
            body.Append("<p>No company is linked yet. <a href=\"/link\">Link a company</a>.</p>");
            return Page("Companies", body.ToString(), now.RestartLinkEnabled, branding.Current);
        }

        body.Append("<div class=\"cards\" id=\"companies\">");
        foreach (var company in linked)
        {
            var id = E(company.CompanyId);
            var paused = now.IsPaused(company.CompanyId);
            var view = CompanySyncView.Of(company.CompanyId, now, activity);
            body.Append("<article class=\"card company\" data-company=\"").Append(id).Append("\"><h2>")
                .Append(E(productNames.Find(company.CompanyId) ?? company.SageCompanyName ?? company.CompanyId)).Append("</h2>")
                .Append("<p class=\"licence\">Licence key <code>").Append(id).Append("</code></p>")
                .Append("<dl class=\"facts\"><dt>Sync status</dt><dd class=\"sync-status\">").Append(E(view.SyncStatus))
                .Append("</dd><dt>Last successful sync</dt><dd class=\"last-sync\">").Append(E(view.LastSync)).Append("</dd></dl>")
                .Append("<ul class=\"progress\" aria-label=\"Sync progress\">");
            foreach (var pull in view.Running)
            {
                body.Append("<li data-type=\"").Append(E(pull.DataType)).Append("\"><span class=\"data-type\">").Append(E(pull.DataType)).Append("</span><progress");
                if (pull.RecordCount is { } count)
                {
                    body.Append(" max=\"").Append(count.ToString(CultureInfo.InvariantCulture)).Append("\" value=\"")
                        .Append(pull.RecordsSent.ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                body.Append("></progress><span class=\"count\">").Append(E(pull.Text)).Append("</span></li>");
            }

            body.Append("</ul><p class=\"last-failure\"").Append(view.LastFailure is null ? " hidden" : string.Empty).Append("><strong>Last problem:</strong> <span class=\"reason\">")
                .Append(E(view.LastFailure)).Append("</span></p><div class=\"actions\">");
            var action = paused ? "resume" : "pause";
            body.Append("<form class=\"inline\" method=\"post\" action=\"/companies/").Append(id).Append('/').Append(action).Append("\"><button type=\"submit\" class=\"")
                .Append(action).Append("\">").Append(paused ? "Resume" : "Pause").Append("</button></form> ");
            body.Append("<form class=\"inline\" method=\"post\" action=\"/companies/").Append(id).Append("/sync\"><button type=\"submit\" class=\"sync\">Sync now</button></form>");
            body.Append("</div></article>");
        }

        body.Append("</div>").Append(FollowSyncScript);
        return Page("Companies", body.ToString(), now.RestartLinkEnabled, branding.Current);
    }

    /// <summary>What the open Companies page follows (<c>GET /api/companies</c>): every linked company's sync, as the cards show it.</summary>
    public CompaniesBody CompaniesStatus()
    {
        var now = Now;
        return new CompaniesBody([.. companies.All().Select(c => CompanySyncView.Of(c.CompanyId, now, activity))]);
    }

    /// <summary>Reset or restore a company's synced data in Ledgerlink: asks Ledgerlink to email the owner, who confirms from there.</summary>
    public string ManageData(string? error, string? info)
    {
        var now = Now;
        var body = new StringBuilder(Message(error, info));
        var linked = companies.All();
        if (linked.Count == 0)
        {
            body.Append("<p>No company is linked yet. <a href=\"/link\">Link a company</a>.</p>");
            return Page("Manage your data", body.ToString(), now.RestartLinkEnabled, branding.Current);
        }

        body.Append("<p>Reset removes the data Ledgerlink has synced for a company (it reads empty until the next sync); Restore brings back the data ")
            .Append("from before the last reset. Only the company's owner may do either: Ledgerlink emails the owner a link, and nothing ")
            .Append("changes until they confirm from that email (the link works for 30 minutes, once). ")
            .Append("Reset is not possible while bank feeds are connected.</p>");
        foreach (var company in linked)
        {
            var id = E(company.CompanyId);
            body.Append("<section class=\"manage\" data-company=\"").Append(id).Append("\"><h2>")
                .Append(E(productNames.Find(company.CompanyId) ?? company.SageCompanyName ?? company.CompanyId))
                .Append(" <code>").Append(id).Append("</code></h2>")
                .Append("<form method=\"post\" action=\"/manage/").Append(id).Append("\">")
                .Append("<button type=\"submit\" name=\"action\" value=\"reset\" class=\"reset\">Reset synced data</button> ")
                .Append("<button type=\"submit\" name=\"action\" value=\"restore\" class=\"restore\">Restore synced data</button>")
                .Append("</form></section>");
        }

        return Page("Manage your data", body.ToString(), now.RestartLinkEnabled, branding.Current);
    }

    public string Link(
        IReadOnlyList<string> found, string sageCompanyFile, string? error, string? licence = null, string? dataDirectory = null, string? user = null,
        string? linkCode = null)
    {
        var now = Now;
        var body = new StringBuilder(Message(error, null));
        body.Append("<h2>Sage 50 companies on this machine</h2>");
        if (found.Count == 0)
        {
            body.Append("<p id=\"none-found\">No Sage 50 company was found (Sage's company list <code>").Append(E(sageCompanyFile))
                .Append("</code> lists none). Enter its details below.</p>");
        }
        else
        {
            body.Append("<table id=\"found\"><tr><th>Data directory</th><th></th></tr>");
            foreach (var folder in found)
            {
                body.Append("<tr><td><code>").Append(E(folder)).Append("</code></td><td><a href=\"/link?dataDirectory=")
                    .Append(Uri.EscapeDataString(folder)).Append("\">Link this company</a></td></tr>");
            }

            body.Append("</table>");
        }

        body.Append("<h2>Company details</h2><p>Can't find your company? Enter its details: the licence key and link code from your software provider's link page, ")
            .Append("the data directory shown in Sage under Help &gt; About, and a Sage user name and password. The password stays on this computer.</p>");
        body.Append("<form id=\"link-form\" method=\"post\" action=\"/link/check\">")
            .Append("<label>Licence key <input type=\"text\" name=\"licence\" id=\"licence\" value=\"").Append(E(licence)).Append("\"></label>")
            .Append("<label>Link code <input type=\"text\" name=\"code\" id=\"link-code\" autocomplete=\"off\" spellcheck=\"false\" value=\"")
            .Append(E(linkCode)).Append("\"></label>")
            .Append("<label>Data directory <input type=\"text\" name=\"dataDirectory\" id=\"dataDirectory\" value=\"").Append(E(dataDirectory)).Append("\"></label>")
            .Append("<label>User name <input type=\"text\" name=\"user\" id=\"user\" value=\"").Append(E(user)).Append("\"></label>")
            .Append("<label>Password <input type=\"password\" name=\"password\" id=\"password\"></label>")
            .Append("<button type=\"submit\" id=\"link-submit\">Link company and sync</button></form>");
        return Page("Link a company", body.ToString(), now.RestartLinkEnabled, branding.Current);
    }

    public string Confirm(string token, string licence, string dataDirectory, SageCompanyDetails details)
    {
        var body = new StringBuilder("<p>Is this the company to link?</p><table id=\"details\">")
            .Append("<tr><th>Company name</th><td id=\"company-name\">").Append(E(details.Name)).Append("</td></tr>")
            .Append("<tr><th>Address</th><td id=\"company-address\">").Append(E(details.Address)).Append("</td></tr>")
            .Append("<tr><th>VAT number</th><td id=\"company-vat\">").Append(E(details.VatNumber)).Append("</td></tr>")
            .Append("<tr><th>Financial year start</th><td id=\"company-year-start\">").Append(E(details.FinancialYearStart)).Append("</td></tr>")
            .Append("<tr><th>Licence key</th><td><code>").Append(E(licence)).Append("</code></td></tr>")
            .Append("<tr><th>Data directory</th><td><code>").Append(E(dataDirectory)).Append("</code></td></tr></table>")
            .Append("<form method=\"post\" action=\"/link/confirm\"><input type=\"hidden\" name=\"token\" value=\"").Append(E(token))
            .Append("\"><button type=\"submit\" id=\"confirm\">Confirm</button> <a href=\"/link\">Cancel</a></form>");
        return Page("Confirm the company", body.ToString(), Now.RestartLinkEnabled, branding.Current);
    }

    /// <summary>Returns to About once a new worker (a new host in this process, or a new process) is online.</summary>
    public string Restarting(int? cancelled) => Page("Restarting",
        $"<p id=\"restarting\">The connector is restarting{(cancelled is > 0 ? $"; {cancelled} running syncs were cancelled and will run again" : string.Empty)}. This page reloads when it is back.</p>" +
        "<script>const before='" + generation.WorkerId + "';async function poll(){try{const r=await fetch('/api/status',{cache:'no-store',signal:AbortSignal.timeout(2000)});" +
        "const s=await r.json();if(s.workerId!==before&&s.connection==='Online'){location.href='/about';return;}}catch(e){}setTimeout(poll,500);}setTimeout(poll,500);</script>",
        restartLink: false, branding.Current);

    public static string ConnectionText(AgentStatus.Snapshot now) => now.State switch
    {
        AgentStatus.ConnectionState.Online => "Online",
        AgentStatus.ConnectionState.Restarting => "Restarting",
        AgentStatus.ConnectionState.Offline => $"Offline{(now.Problem is null ? string.Empty : $" ({now.Problem})")}",
        _ => "Connecting",
    };

}
