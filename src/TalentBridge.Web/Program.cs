using TalentBridge.Web;

var app = TalentBridgeApp.Build(args);
await app.InitializeAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();
