using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Accounts;

/// <summary>Data protection keys in the database (<see cref="DataProtectionKeys"/>), shared by every node behind the proxy.</summary>
public sealed class DatabaseXmlRepository(DataProtectionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => keys.All().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
