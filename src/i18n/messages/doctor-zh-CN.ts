import type { DoctorCatalog } from './doctor-en.ts';

/** `duebot doctor` 的检查结果与修复建议，简体中文（并入 zh-CN.ts）。 */
export const doctorZhCN: DoctorCatalog = {
  'doctor.heading.settings': '设置：',
  'doctor.heading.checks': '检查：',
  'doctor.status': '{ok, select, yes {正常} other {失败}}',
  'doctor.line': '{name}：{detail}',
  'doctor.fixLine': '修复：{fix}',
  'doctor.listSeparator': '、',
  'doctor.value.unset': `{name, select,
    DATABASE_URL {（未设置：内嵌 PGlite）}
    LEDGER_URL {（未设置：演示账本）}
    LEDGER_MAPPING {（未设置：内置演示映射，或 {preset}）}
    LEDGER_PRESET {（未设置：由 {mapping} 指定映射）}
    LEDGER_PARAMS {（未设置：无；预设会自行找到唯一的公司）}
    LEDGER_STALE_AFTER_MINUTES {（未设置：{interval} 的两倍再加 5）}
    DUEBOT_TODAY {（未设置：真实日期）}
    DUEBOT_LADDER_FILE {（未设置：内置催收阶梯）}
    DUEBOT_POLICY_FILE {（未设置：催收手册中的数值）}
    LOG_FORMAT {（未设置：终端上为 {pretty}，否则为 {json}）}
    DUEBOT_SHELL_USER {（未设置：您的登录名）}
    SMTP_URL {（未设置：函件不通过电子邮件发送）}
    SLACK_BOT_TOKEN {（未设置：不连接 Slack）}
    SLACK_API_URL {（未设置：Slack 官方地址）}
    other {（未设置）}}`,
  'doctor.value.secret': '****（已设置）',
  'doctor.value.none': '（无）',
  'doctor.value.unknown': '（未知）',

  'doctor.check.botDatabase': '机器人数据库',
  'doctor.check.ledger': '会计数据库',
  'doctor.check.incremental': '增量同步',
  'doctor.check.paidAt': '付款日期',
  'doctor.check.horizon': '增量同步起点',
  'doctor.skipped': '修正 {setting} 之后才会检查',

  'doctor.dataDir.ok': '{dir}：可写的文件夹',
  'doctor.dataDir.fix': '将 {setting} 设为 duebot 可以创建并写入的文件夹（或设置 {database}）',
  'doctor.dir.notFolder': '{path} 是文件，不是文件夹',
  'doctor.dir.cannotCreate': '无法创建 {path}（{code}）',
  'doctor.dir.cannotWrite': '无法在 {path} 中写入（{code}）',
  'doctor.path.missing': '{path} 不存在',
  'doctor.path.unreadable': '无法读取 {path}（{code}）',
  'doctor.policy.ok': '{file}：有效的{ladder, select, yes {催收阶梯} other {催收策略}}',
  'doctor.policy.unreadable': '无法读取 {file}（{code}）',
  'doctor.policy.fix':
    '{ladder, select, yes {修正催收阶梯文件（可从 {example} 开始），或取消设置 {setting} 以使用内置阶梯} other {修正催收策略文件（可从 {example} 开始），或取消设置 {setting} 以使用催收手册中的数值}}',
  'doctor.stamp.notImage': '{file} 不是 PNG 或 JPEG 图片',
  'doctor.stamp.ok': '{file}：图片',
  'doctor.stamp.fix': '将 {setting} 设为可读取的 PNG 或 JPEG 文件，或取消设置以发送不盖章的函件',
  'doctor.templates.ok': '{dir}：文件夹',
  'doctor.templates.fix': '将 {setting} 设为您的模板所在的文件夹（{layout}），或取消设置',
  'doctor.mapping.ok': '{file}：含 {watermark} 的查询',
  'doctor.mapping.fix': '将 {setting} 设为可读取的 SQL 文件',
  'doctor.mapping.unset': '未设置账本映射文件',
  'doctor.mapping.unsetFix': '让 {setting} 指向一个 SQL 文件（参见演示映射）',
  'doctor.mapping.missing': '账本映射文件 {file} 不存在',
  'doctor.mapping.unreadable': '无法读取账本映射文件 {file}（{code}）',
  'doctor.mapping.empty': '{named, select, yes {{file}} other {账本映射}}是空的',
  'doctor.mapping.emptyFix':
    '在{named, select, yes { {file} } other {账本映射}}中写一条返回账本各列的 SELECT（参见演示映射）',
  'doctor.mapping.noWatermark':
    '{named, select, yes {{file} } other {账本映射}}中没有 {watermark} 占位符，同步就无法只读取变更过的行',
  'doctor.mapping.noWatermarkFix': '在{named, select, yes { {file} } other {账本映射}}中加入例如“{example}”',

  'doctor.conn.refused': '{where} 上没有服务在监听（连接被拒绝）',
  'doctor.conn.refusedFix': '启动数据库服务器，或修正 {setting} 中的主机和端口',
  'doctor.conn.unknownHost': '无法解析 {setting} 中的主机（{where}）',
  'doctor.conn.unknownHostFix': '检查 {setting} 中的主机名',
  'doctor.conn.timeout': '{where} 没有及时应答',
  'doctor.conn.timeoutFix':
    '{network, select, yes {检查从这里能否访问 {where}（防火墙、VPN），以及 {setting} 中的端口} other {检查能否访问 {where}，以及 {setting} 中的端口}}',
  'doctor.conn.login': '{where} 拒绝了 {setting} 中的用户名或密码',
  'doctor.conn.loginFix':
    '{mysql, select, yes {检查 {setting} 中的用户名和密码，并确认服务器允许用户 {user} 从本机连接（{grant}）} other {检查 {setting} 中的用户名和密码（以及服务器的 {hba}）}}',
  'doctor.conn.denied': '用户 {user} 无权读取 {where} 上所需的内容（{reason}）',
  'doctor.conn.deniedFix':
    '{mysql, select, yes {将 {grant} 授予 {setting} 中的用户，或改用已有该权限的用户} other {将这些表的 {grant}（及其模式的 {usage}）授予 {setting} 中的用户，或改用已有该权限的用户}}',
  'doctor.conn.noDatabase': '{where} 上不存在数据库“{database}”',
  'doctor.conn.noDatabaseFix':
    '{ledger, select, yes {修正 {setting} 中的数据库名：即会计数据库在该服务器上的名称} other {创建该数据库（例如 {create}），或修正 {setting} 中的数据库名}}',
  'doctor.conn.otherFix': '检查 {setting}',
  'doctor.held':
    '{dir} 中的内置数据库已被{remote, select, yes {位于 {host} 的} other {}} duebot 进程 {pid} 占用（`{command}`，启动于 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}），且无法连接到该进程',
  'doctor.heldFix': '停止该进程，或将 {setting} 设为一个 PostgreSQL 数据库',

  'doctor.botDatabase.ok':
    '{embedded, select, yes {{dir} 中的内嵌 PGlite} other {{url}}}：可以连接，{pending, plural, =0 {数据库结构是最新的} other {有 # 个迁移待执行（启动时会执行，或运行 {command}）}}',
  'doctor.ledger.demo': '未配置：duebot 读取其演示账本（设置 {setting} 以连接您的账本）',
  'doctor.ledger.ok':
    '{url}：可以连接，{preset, select, none {映射} other {预设 {preset}}}返回了所有列{hasParams, select, yes {，参数为 {params}} other {}}{read, select, yes {，完整同步将读取 {rows, plural, other {# 行}}} other {}}',
  'doctor.ledger.fileFix': '修正{named, select, yes { {file}} other {映射文件}}',
  'doctor.ledger.writesFix':
    '让{named, select, yes { {file} } other {映射文件}}只做读取：不调用会写入的函数，不使用 {forUpdate}',
  'doctor.ledger.columnsFix':
    '在{named, select, yes { {file} } other {映射文件}}的 {select} 中返回 {columns}（{alias}）',
  'doctor.ledger.queryFix':
    '修正{named, select, yes { {file} } other {映射文件}}中的查询（在您的 SQL 客户端中运行它，把 {watermark} 换成 {epoch}）',
  'doctor.ledger.noTable':
    '{preset, select, none {账本映射} other {{presetSetting}}}：会计数据库中没有表 {tables}（{setting} 指向的是{preset, select, none {映射所读的} other { {system} 的}}数据库吗？）',
  'doctor.ledger.noTableFix':
    '{preset, select, none {让 {setting} 指向映射所读取的数据库，或修正映射中的 {tablesLine} 行} other {让 {setting} 指向 {system} 的数据库，或将 {tables} 的 {grant} 权限授予其用户（README，“{section}”）}}',
  'doctor.params.unknown':
    '{setting}：{names} 不是{preset, select, none {账本映射} other { {presetSetting} }}的参数{count, plural, one {} other {（共 # 个）}}（它接受的参数：{hasUsed, select, yes {{used}} other {除 {watermark} 外没有}}）',
  'doctor.params.unknownFix':
    '{hasUsed, select, yes {在 {setting} 中只设置 {used}} other {取消设置 {setting}}}',
  'doctor.params.needs':
    '{setting}：{preset, select, none {账本映射} other {{presetSetting}}} 需要 {name}，但它没有设置',
  'doctor.params.setValue': "设置 {setting}={name}='<值>'{or, select, yes {，或检查 {url}} other {}}",
  'doctor.params.oneOf': "设置 {setting}={name}='<'以下之一：{choices}'>'",
  'doctor.params.notInDatabase': '{setting}：数据库中没有 {given}，数据库中有 {count, number} 个（{listed}）',
  'doctor.params.unsetChoose':
    '{setting}：{preset, select, none {账本映射} other {{presetSetting}}} 需要 {name}，但它没有设置，而且{count, plural, =0 {数据库中没有可选的值} other {数据库中有 # 个（{listed}）}}',
  'doctor.ledger.writes': '账本映射试图写入，而 duebot 只在只读事务中读取账本：{message}（SQLSTATE {state}）',
  'doctor.ledger.queryFails': '账本映射查询失败：{message}（SQLSTATE {state}）',
  'doctor.ledger.missingColumns':
    '账本映射没有返回 {missing}（{hasFound, select, yes {它返回的是 {found}} other {它没有返回任何列}}）',
  'doctor.horizon.warning':
    '警告：每次增量同步都会重新读取最近 {seconds, plural, other {# 秒}}（{setting}）的数据，而不是从仍在运行的账本事务都不可能写入之处开始，因为{reasons}',
  'doctor.horizon.sessionsHidden': '{user} 看不到其他用户的会话（它不是 {role} 的成员）',
  'doctor.horizon.notTracked': '账本服务器上的 {setting} 已关闭',
  'doctor.horizon.standby': '该数据库是备库，由其他服务器的事务写入',
  'doctor.horizon.subscriber': '该数据库订阅了逻辑复制，由其他服务器的事务写入',
  'doctor.horizon.fixGrant': '数据库管理员可以执行 {grant}（README，“{section}”）',
  'doctor.horizon.fixTrack': '管理员可以在服务器配置中设置 {setting} = on',
  'doctor.horizon.fixPrimary': '将 {setting} 指向 ERP 写入的服务器',
  'doctor.paidAt.warning':
    '警告：映射没有返回 {column}，因此等级、信用冻结、黑名单以及 DSO/CEI 都以每行最后一次变更的时间（{updated}）作为付款日期：这只是近似值，账本批量更新后还会出错',
  'doctor.paidAt.fix': '让映射返回 {column}（未结金额最后一次减少的时间），或使用 {preset}',
  'doctor.scan.warning':
    '警告：无论变更的行多么少，每次增量同步都会完整读取 {tables}：没有索引能用于映射与水位线的比较',
  'doctor.scan.table': '{table}（{rows, plural, other {# 行}}）',
  'doctor.scan.fixIndexes':
    '数据库管理员（duebot 的只读用户不能）可以以表所有者的身份添加：{indexes}（README，“{section}”）',
  'doctor.scan.fixMapping':
    '为映射与 {watermark} 比较的列建立索引，或在 {union} 的各个分支中比较各表自己的列（README，“{section}”）',
};
