IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [CategoryPrices] (
        [Category] nvarchar(32) NOT NULL,
        [BasePrice] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_CategoryPrices] PRIMARY KEY ([Category])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [DeviceModels] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [NormalizedName] nvarchar(200) NOT NULL,
        [Manufacturer] nvarchar(100) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [AueDate] date NULL,
        [BasePrice] decimal(18,2) NULL,
        CONSTRAINT [PK_DeviceModels] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [EmailMessages] (
        [Id] uniqueidentifier NOT NULL,
        [To] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        [DeliveredVia] nvarchar(400) NOT NULL,
        CONSTRAINT [PK_EmailMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [FeeSchedules] (
        [Id] int NOT NULL,
        [BuyerPremiumRate] decimal(9,4) NOT NULL,
        [SellerCommissionRate] decimal(9,4) NOT NULL,
        [StorefrontCommissionRate] decimal(9,4) NOT NULL,
        [StorefrontFlatShipping] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_FeeSchedules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportMappings] (
        [OrganizationId] uniqueidentifier NOT NULL,
        [MappingJson] nvarchar(max) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ImportMappings] PRIMARY KEY ([OrganizationId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LedgerTransactions] (
        [Id] uniqueidentifier NOT NULL,
        [IdempotencyKey] nvarchar(100) NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [Description] nvarchar(400) NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        CONSTRAINT [PK_LedgerTransactions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [City] nvarchar(100) NULL,
        [State] nvarchar(2) NULL,
        [IsVerified] bit NOT NULL,
        [Certification] nvarchar(32) NOT NULL,
        [CertificationNumber] nvarchar(64) NULL,
        [CertificationExpires] date NULL,
        [StripeAccountId] nvarchar(64) NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(300) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [LeaseUntil] datetimeoffset NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(2000) NULL,
        [CompletedAt] datetimeoffset NULL,
        [DeadAt] datetimeoffset NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [PriceGuides] (
        [Id] int NOT NULL,
        [GradeA] decimal(9,4) NOT NULL,
        [GradeB] decimal(9,4) NOT NULL,
        [GradeC] decimal(9,4) NOT NULL,
        [GradeD] decimal(9,4) NOT NULL,
        [MinorFault] decimal(9,4) NOT NULL,
        [NotWorking] decimal(9,4) NOT NULL,
        [ForParts] decimal(9,4) NOT NULL,
        [FullRunwayYears] int NOT NULL,
        [ExpiredRunwayFactor] decimal(9,4) NOT NULL,
        [RangeSpread] decimal(9,4) NOT NULL,
        CONSTRAINT [PK_PriceGuides] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LedgerEntries] (
        [Id] uniqueidentifier NOT NULL,
        [TransactionId] uniqueidentifier NOT NULL,
        [Account] nvarchar(32) NOT NULL,
        [Debit] decimal(18,2) NOT NULL,
        [Credit] decimal(18,2) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        CONSTRAINT [PK_LedgerEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerEntries_LedgerTransactions_TransactionId] FOREIGN KEY ([TransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Listings] (
        [Id] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [Category] nvarchar(32) NOT NULL,
        [Grade] nvarchar(32) NOT NULL,
        [Price] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [WarrantyMonths] int NOT NULL,
        [QuantityAvailable] int NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Listings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Listings_Organizations_SellerId] FOREIGN KEY ([SellerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Lots] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [DistrictId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [PickupAddress] nvarchar(400) NULL,
        [BoardApprovalReference] nvarchar(100) NULL,
        [SaleMode] nvarchar(32) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ListedAt] datetimeoffset NULL,
        [BuyerId] uniqueidentifier NULL,
        [AwardedQuoteId] uniqueidentifier NULL,
        [HammerPrice] decimal(18,2) NULL,
        [AwardedAt] datetimeoffset NULL,
        [PaidAt] datetimeoffset NULL,
        [PickupDate] date NULL,
        [PickupWindow] nvarchar(100) NULL,
        [PickupContact] nvarchar(200) NULL,
        [PickedUpAt] datetimeoffset NULL,
        [ReceivedAt] datetimeoffset NULL,
        [CertifiedAt] datetimeoffset NULL,
        [SettledAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Lots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Lots_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Lots_Organizations_DistrictId] FOREIGN KEY ([DistrictId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [BuyerId] uniqueidentifier NOT NULL,
        [PlacedByUserId] uniqueidentifier NOT NULL,
        [SellerId] uniqueidentifier NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [PaymentMethod] nvarchar(32) NOT NULL,
        [PurchaseOrderNumber] nvarchar(64) NULL,
        [ShipTo] nvarchar(400) NOT NULL,
        [Shipping] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [PlacedAt] datetimeoffset NOT NULL,
        [PaidAt] datetimeoffset NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Orders_Organizations_BuyerId] FOREIGN KEY ([BuyerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_Organizations_SellerId] FOREIGN KEY ([SellerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] uniqueidentifier NOT NULL,
        [RoleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] uniqueidentifier NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [CartItems] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_CartItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CartItems_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CartItems_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Certificates] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [VerificationCode] nvarchar(32) NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [DeviceCount] int NOT NULL,
        [Pdf] varbinary(max) NOT NULL,
        CONSTRAINT [PK_Certificates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Certificates_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Devices] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [Serial] nvarchar(64) NOT NULL,
        [AssetTag] nvarchar(64) NULL,
        [Category] nvarchar(32) NOT NULL,
        [Manufacturer] nvarchar(100) NULL,
        [Model] nvarchar(200) NOT NULL,
        [Grade] nvarchar(32) NOT NULL,
        [Functional] nvarchar(32) NOT NULL,
        [Cpu] nvarchar(100) NULL,
        [RamGb] int NULL,
        [StorageGb] int NULL,
        [PurchaseDate] date NULL,
        [FundingSource] nvarchar(32) NOT NULL,
        [AueDate] date NULL,
        [Enrollment] nvarchar(32) NOT NULL,
        [DeclaredSanitization] nvarchar(32) NOT NULL,
        [BatteryHealthPercent] int NULL,
        [HasCharger] bit NULL,
        [Location] nvarchar(200) NULL,
        [Notes] nvarchar(1000) NULL,
        [SanitizationMethod] nvarchar(32) NULL,
        [SanitizationTool] nvarchar(200) NULL,
        [SanitizedAt] datetimeoffset NULL,
        [SanitizedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_Devices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Devices_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportJobs] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [FileBytes] bigint NOT NULL,
        [HeaderJson] nvarchar(max) NOT NULL,
        [Preset] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [MappingJson] nvarchar(max) NULL,
        [TotalRows] int NOT NULL,
        [ValidRows] int NOT NULL,
        [IssueCount] int NOT NULL,
        [ImportedRows] int NOT NULL,
        [FailureMessage] nvarchar(2000) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ImportJobs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportJobs_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [LotPhotos] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [FileName] nvarchar(255) NOT NULL,
        [ContentType] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Thumbnail] varbinary(max) NOT NULL,
        [Width] int NOT NULL,
        [Height] int NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LotPhotos] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LotPhotos_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Payouts] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [SentAt] datetimeoffset NULL,
        [Reference] nvarchar(128) NULL,
        CONSTRAINT [PK_Payouts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payouts_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Quotes] (
        [Id] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NOT NULL,
        [RefurbisherId] uniqueidentifier NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ValidUntil] datetimeoffset NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_Quotes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Quotes_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Quotes_Organizations_RefurbisherId] FOREIGN KEY ([RefurbisherId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [Invoices] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(16) NOT NULL,
        [PayerId] uniqueidentifier NOT NULL,
        [LotId] uniqueidentifier NULL,
        [OrderId] uniqueidentifier NULL,
        [Description] nvarchar(400) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [PurchaseOrderNumber] nvarchar(64) NULL,
        [Status] nvarchar(32) NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [DueOn] date NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [PaymentReference] nvarchar(128) NULL,
        [CheckoutSessionId] nvarchar(128) NULL,
        CONSTRAINT [PK_Invoices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invoices_Lots_LotId] FOREIGN KEY ([LotId]) REFERENCES [Lots] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Invoices_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Invoices_Organizations_PayerId] FOREIGN KEY ([PayerId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [ListingId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [UnitPrice] decimal(18,2) NOT NULL,
        [Quantity] int NOT NULL,
        [WarrantyMonths] int NOT NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderLines_Listings_ListingId] FOREIGN KEY ([ListingId]) REFERENCES [Listings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportFiles] (
        [ImportJobId] uniqueidentifier NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_ImportFiles] PRIMARY KEY ([ImportJobId]),
        CONSTRAINT [FK_ImportFiles_ImportJobs_ImportJobId] FOREIGN KEY ([ImportJobId]) REFERENCES [ImportJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE TABLE [ImportIssues] (
        [Id] uniqueidentifier NOT NULL,
        [ImportJobId] uniqueidentifier NOT NULL,
        [Row] int NOT NULL,
        [Column] nvarchar(200) NULL,
        [Value] nvarchar(500) NULL,
        [Reason] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_ImportIssues] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportIssues_ImportJobs_ImportJobId] FOREIGN KEY ([ImportJobId]) REFERENCES [ImportJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Category', N'BasePrice') AND [object_id] = OBJECT_ID(N'[CategoryPrices]'))
        SET IDENTITY_INSERT [CategoryPrices] ON;
    EXEC(N'INSERT INTO [CategoryPrices] ([Category], [BasePrice])
    VALUES (N''Chromebook'', 60.0),
    (N''Desktop'', 120.0),
    (N''MacBook'', 350.0),
    (N''Other'', 15.0),
    (N''Tablet'', 100.0),
    (N''WindowsLaptop'', 150.0)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Category', N'BasePrice') AND [object_id] = OBJECT_ID(N'[CategoryPrices]'))
        SET IDENTITY_INSERT [CategoryPrices] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'BuyerPremiumRate', N'SellerCommissionRate', N'StorefrontCommissionRate', N'StorefrontFlatShipping') AND [object_id] = OBJECT_ID(N'[FeeSchedules]'))
        SET IDENTITY_INSERT [FeeSchedules] ON;
    EXEC(N'INSERT INTO [FeeSchedules] ([Id], [BuyerPremiumRate], [SellerCommissionRate], [StorefrontCommissionRate], [StorefrontFlatShipping])
    VALUES (1, 0.1, 0.0, 0.08, 25.0)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'BuyerPremiumRate', N'SellerCommissionRate', N'StorefrontCommissionRate', N'StorefrontFlatShipping') AND [object_id] = OBJECT_ID(N'[FeeSchedules]'))
        SET IDENTITY_INSERT [FeeSchedules] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ExpiredRunwayFactor', N'ForParts', N'FullRunwayYears', N'GradeA', N'GradeB', N'GradeC', N'GradeD', N'MinorFault', N'NotWorking', N'RangeSpread') AND [object_id] = OBJECT_ID(N'[PriceGuides]'))
        SET IDENTITY_INSERT [PriceGuides] ON;
    EXEC(N'INSERT INTO [PriceGuides] ([Id], [ExpiredRunwayFactor], [ForParts], [FullRunwayYears], [GradeA], [GradeB], [GradeC], [GradeD], [MinorFault], [NotWorking], [RangeSpread])
    VALUES (1, 0.15, 0.1, 5, 1.0, 0.8, 0.55, 0.3, 0.6, 0.2, 0.2)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ExpiredRunwayFactor', N'ForParts', N'FullRunwayYears', N'GradeA', N'GradeB', N'GradeC', N'GradeD', N'MinorFault', N'NotWorking', N'RangeSpread') AND [object_id] = OBJECT_ID(N'[PriceGuides]'))
        SET IDENTITY_INSERT [PriceGuides] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganizationId] ON [AspNetUsers] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_CartItems_ListingId] ON [CartItems] ([ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CartItems_UserId_ListingId] ON [CartItems] ([UserId], [ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_LotId] ON [Certificates] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_VerificationCode] ON [Certificates] ([VerificationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DeviceModels_NormalizedName] ON [DeviceModels] ([NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_LotId_Serial] ON [Devices] ([LotId], [Serial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Devices_Serial] ON [Devices] ([Serial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_EmailMessages_SentAt] ON [EmailMessages] ([SentAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_ImportIssues_ImportJobId_Row] ON [ImportIssues] ([ImportJobId], [Row]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_ImportJobs_LotId] ON [ImportJobs] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_CheckoutSessionId] ON [Invoices] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_LotId] ON [Invoices] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invoices_Number] ON [Invoices] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_OrderId] ON [Invoices] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_PayerId] ON [Invoices] ([PayerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Invoices_Status] ON [Invoices] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_Account] ON [LedgerEntries] ([Account]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_TransactionId] ON [LedgerEntries] ([TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerTransactions_IdempotencyKey] ON [LedgerTransactions] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_OccurredAt] ON [LedgerTransactions] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Listings_IsActive_Category] ON [Listings] ([IsActive], [Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Listings_SellerId] ON [Listings] ([SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_LotPhotos_LotId] ON [LotPhotos] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_BuyerId] ON [Lots] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_DistrictId_Status] ON [Lots] ([DistrictId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Lots_Number] ON [Lots] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Lots_Status] ON [Lots] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLines_ListingId] ON [OrderLines] ([ListingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLines_OrderId] ON [OrderLines] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_BuyerId] ON [Orders] ([BuyerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_Number] ON [Orders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_SellerId] ON [Orders] ([SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organizations_Name] ON [Organizations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_CompletedAt_DueAt] ON [OutboxMessages] ([CompletedAt], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payouts_LotId] ON [Payouts] ([LotId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Payouts_OrganizationId] ON [Payouts] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Quotes_LotId_RefurbisherId] ON [Quotes] ([LotId], [RefurbisherId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    CREATE INDEX [IX_Quotes_RefurbisherId] ON [Quotes] ([RefurbisherId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122220718_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122220718_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202073948_AddInbox'
)
BEGIN
    CREATE TABLE [InboxMessages] (
        [Key] nvarchar(200) NOT NULL,
        [Source] nvarchar(100) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ResponseJson] nvarchar(max) NULL,
        CONSTRAINT [PK_InboxMessages] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202073948_AddInbox'
)
BEGIN
    CREATE INDEX [IX_InboxMessages_ReceivedAt] ON [InboxMessages] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202073948_AddInbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202073948_AddInbox', N'10.0.14');
END;

COMMIT;
GO

