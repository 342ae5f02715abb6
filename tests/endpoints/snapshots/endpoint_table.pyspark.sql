WITH `t22` AS (
  SELECT
    `t6`.`patient_id`,
    `t6`.`day`
  FROM `transfusions` AS `t6`
  WHERE
    `t6`.`product` = 'platelets'
), `t41` AS (
  SELECT
    `t21`.`patient_id`,
    MIN(`t21`.`day`) AS `first_transfusion_day`
  FROM (
    SELECT
      `t6`.`patient_id`,
      `t6`.`day`
    FROM `transfusions` AS `t6`
    WHERE
      `t6`.`product` = 'platelets' AND `t6`.`day` >= 0
  ) AS `t21`
  GROUP BY
    1
), `t42` AS (
  SELECT
    `t8`.`patient_id`,
    CAST(`t8`.`day` AS BIGINT) AS `day`,
    `t8`.`lineage`,
    `t8`.`method`,
    `t8`.`donor_pct` IS NOT NULL
    AND NOT ISNAN(`t8`.`donor_pct`)
    AND (
      `t8`.`lod_pct` IS NULL
      OR ISNAN(`t8`.`lod_pct`)
      OR (
        `t8`.`donor_pct` >= `t8`.`lod_pct`
      )
    ) AS `detected`,
    IF(
      `t8`.`donor_pct` IS NOT NULL
      AND NOT ISNAN(`t8`.`donor_pct`)
      AND (
        `t8`.`lod_pct` IS NULL
        OR ISNAN(`t8`.`lod_pct`)
        OR (
          `t8`.`donor_pct` >= `t8`.`lod_pct`
        )
      ),
      `t8`.`donor_pct`,
      0.0
    ) AS `level`,
    CASE
      WHEN `t8`.`lineage` IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN `t8`.`lineage` IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS `lineage_group`
  FROM `chimerism` AS `t8`
  WHERE
    `t8`.`day` > 0
), `t53` AS (
  SELECT
    `t17`.`patient_id`,
    `t17`.`day`,
    MIN(IF(`t17`.`qualifier` = '<', 0.0, `t17`.`value`)) AS `value`
  FROM (
    SELECT
      *
    FROM `labs` AS `t2`
    WHERE
      `t2`.`analyte` = 'plt' AND `t2`.`day` >= 0
  ) AS `t17`
  GROUP BY
    1,
    2
), `t75` AS (
  SELECT
    `t52`.`patient_id`,
    `t52`.`day`,
    COALESCE(
      `t52`.`anc`,
      (
        `t52`.`wbc` * (
          `t52`.`seg` + COALESCE(`t52`.`bands`, 0.0)
        )
      ) / 100.0
    ) AS `value`
  FROM (
    SELECT
      `t16`.`patient_id`,
      `t16`.`day`,
      MIN(
        IF(`t16`.`analyte` = 'anc', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `anc`,
      MIN(
        IF(`t16`.`analyte` = 'wbc', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `wbc`,
      MIN(
        IF(`t16`.`analyte` = 'neut_pct', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `seg`,
      MAX(
        IF(`t16`.`analyte` = 'bands_pct', IF(`t16`.`qualifier` = '<', 0.0, `t16`.`value`), NULL)
      ) AS `bands`
    FROM (
      SELECT
        *
      FROM `labs` AS `t2`
      WHERE
        `t2`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t2`.`day` >= 0
    ) AS `t16`
    GROUP BY
      1,
      2
  ) AS `t52`
), `t87` AS (
  SELECT
    `t69`.`patient_id`,
    `t69`.`day`,
    `t69`.`value`,
    `t69`.`platelet_engraftment_meets`,
    `t69`.`platelet50_engraftment_meets`,
    `t69`.`platelet_engraftment_meets`
    AND COALESCE(
      LEAD(`t69`.`platelet_engraftment_meets`, 1) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t69`.`platelet_engraftment_meets`, 2) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t69`.`day`, 1) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t69`.`day`, 2) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet_engraftment_run_start`,
    SUM(IF(`t69`.`platelet_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t69`.`patient_id`
      ORDER BY `t69`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet_engraftment_failed_before`,
    `t69`.`platelet50_engraftment_meets`
    AND COALESCE(
      LEAD(`t69`.`platelet50_engraftment_meets`, 1) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t69`.`platelet50_engraftment_meets`, 2) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t69`.`day`, 1) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t69`.`day`, 2) OVER (PARTITION BY `t69`.`patient_id` ORDER BY `t69`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet50_engraftment_run_start`,
    SUM(IF(`t69`.`platelet50_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t69`.`patient_id`
      ORDER BY `t69`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet50_engraftment_failed_before`
  FROM (
    SELECT
      `t60`.`patient_id`,
      `t60`.`day`,
      `t60`.`value`,
      `t60`.`value` >= 20.0 AS `platelet_engraftment_meets`,
      `t60`.`value` >= 50.0 AS `platelet50_engraftment_meets`
    FROM `t53` AS `t60`
  ) AS `t69`
), `t106` AS (
  SELECT
    `t91`.`patient_id`,
    BOOL_OR(NOT (
      `t91`.`platelet_engraftment_meets`
    )) AS `platelet_engraftment_fell`,
    BOOL_OR(NOT (
      `t91`.`platelet50_engraftment_meets`
    )) AS `platelet50_engraftment_fell`
  FROM `t87` AS `t91`
  GROUP BY
    1
), `t122` AS (
  SELECT
    `t109`.`patient_id`,
    CAST(MIN(IF(`t109`.`run_start` AND `t109`.`failed_before`, `t109`.`day`, NULL)) AS BIGINT) AS `day`,
    BOOL_OR(NOT (
      `t109`.`meets`
    )) AS `applicable`
  FROM (
    SELECT
      `t83`.`patient_id`,
      `t83`.`day`,
      `t83`.`value`,
      `t83`.`meets`,
      `t83`.`meets`
      AND COALESCE(
        LEAD(`t83`.`meets`, 1) OVER (PARTITION BY `t83`.`patient_id` ORDER BY `t83`.`day` ASC NULLS LAST),
        FALSE
      )
      AND COALESCE(
        LEAD(`t83`.`meets`, 2) OVER (PARTITION BY `t83`.`patient_id` ORDER BY `t83`.`day` ASC NULLS LAST),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD(`t83`.`day`, 1) OVER (PARTITION BY `t83`.`patient_id` ORDER BY `t83`.`day` ASC NULLS LAST) IS NOT NULL
        )
        AND (
          LEAD(`t83`.`day`, 2) OVER (PARTITION BY `t83`.`patient_id` ORDER BY `t83`.`day` ASC NULLS LAST) IS NOT NULL
        )
      ) AS `run_start`,
      SUM(IF(`t83`.`meets`, 0, 1)) OVER (
        PARTITION BY `t83`.`patient_id`
        ORDER BY `t83`.`day` ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS `failed_before`
    FROM (
      SELECT
        `t77`.`patient_id`,
        `t77`.`day`,
        `t77`.`value`,
        `t77`.`value` >= 0.5 AS `meets`
      FROM `t75` AS `t77`
      WHERE
        `t77`.`value` IS NOT NULL AND NOT ISNAN(`t77`.`value`)
    ) AS `t83`
  ) AS `t109`
  GROUP BY
    1
), `t130` AS (
  SELECT
    `t121`.`patient_id`,
    `t121`.`cutoff`
  FROM (
    SELECT
      `t111`.`patient_id`,
      CASE
        WHEN `t111`.`graft_source` = 'bm'
        THEN 30
        WHEN `t111`.`graft_source` = 'pbsc'
        THEN 30
        WHEN `t111`.`graft_source` = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS `cutoff`,
      `t111`.`modality`
    FROM (
      SELECT
        `t108`.`patient_id`,
        `t108`.`arm`,
        `t108`.`modality`,
        `t108`.`graft_source`,
        `t108`.`second_infusion_day`,
        `t108`.`treatment_start_day`,
        `t108`.`weight_kg`,
        `t108`.`randomisation_day`,
        `t108`.`death_day`,
        `t108`.`death_cause`,
        `t108`.`censor_day`,
        `t108`.`relapse_recorded_day`,
        `t108`.`last_lab_day`
      FROM (
        SELECT
          `t95`.`patient_id`,
          `t95`.`arm`,
          `t95`.`modality`,
          `t95`.`graft_source`,
          `t95`.`second_infusion_day`,
          `t95`.`treatment_start_day`,
          `t95`.`weight_kg`,
          `t95`.`randomisation_day`,
          `t95`.`death_day`,
          `t95`.`death_cause`,
          `t95`.`censor_day`,
          `t95`.`relapse_recorded_day`,
          `t29`.`patient_id` AS `patient_id_right`,
          `t29`.`last_lab_day`
        FROM (
          SELECT
            `t88`.`patient_id`,
            `t88`.`arm`,
            `t88`.`modality`,
            `t88`.`graft_source`,
            `t88`.`second_infusion_day`,
            `t88`.`treatment_start_day`,
            `t88`.`weight_kg`,
            `t88`.`randomisation_day`,
            `t88`.`death_day`,
            `t88`.`death_cause`,
            `t88`.`censor_day`,
            `t88`.`relapse_recorded_day`
          FROM (
            SELECT
              `t80`.`patient_id`,
              `t80`.`arm`,
              `t80`.`modality`,
              `t80`.`graft_source`,
              `t80`.`second_infusion_day`,
              `t80`.`treatment_start_day`,
              `t80`.`weight_kg`,
              `t80`.`randomisation_day`,
              `t80`.`death_day`,
              `t80`.`death_cause`,
              `t80`.`censor_day`,
              `t54`.`patient_id` AS `patient_id_right`,
              `t54`.`relapse_recorded_day`
            FROM (
              SELECT
                `t74`.`patient_id`,
                `t74`.`arm`,
                `t74`.`modality`,
                `t74`.`graft_source`,
                `t74`.`second_infusion_day`,
                `t74`.`treatment_start_day`,
                `t74`.`weight_kg`,
                `t74`.`randomisation_day`,
                `t74`.`death_day`,
                `t74`.`death_cause`,
                `t74`.`censor_day`
              FROM (
                SELECT
                  `t63`.`patient_id`,
                  `t63`.`arm`,
                  `t63`.`modality`,
                  `t63`.`graft_source`,
                  `t63`.`second_infusion_day`,
                  `t63`.`treatment_start_day`,
                  `t63`.`weight_kg`,
                  `t63`.`randomisation_day`,
                  `t45`.`patient_id` AS `patient_id_right`,
                  `t45`.`death_day`,
                  `t45`.`death_cause`,
                  `t45`.`censor_day`
                FROM (
                  SELECT
                    `t58`.`patient_id`,
                    `t58`.`arm`,
                    `t58`.`modality`,
                    `t58`.`graft_source`,
                    `t58`.`second_infusion_day`,
                    `t58`.`treatment_start_day`,
                    `t58`.`weight_kg`,
                    `t58`.`randomisation_day`
                  FROM (
                    SELECT
                      `t36`.`patient_id`,
                      `t36`.`arm`,
                      `t36`.`modality`,
                      `t36`.`graft_source`,
                      `t36`.`second_infusion_day`,
                      `t36`.`treatment_start_day`,
                      `t33`.`patient_id` AS `patient_id_right`,
                      `t33`.`weight_kg`,
                      `t33`.`randomisation_day`
                    FROM (
                      SELECT
                        `t9`.`patient_id`,
                        COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                        `t9`.`modality`,
                        `t9`.`graft_source`,
                        CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`,
                        CAST(`t9`.`treatment_start_day` AS BIGINT) AS `treatment_start_day`
                      FROM `treatments` AS `t9`
                    ) AS `t36`
                    LEFT OUTER JOIN (
                      SELECT
                        `t7`.`patient_id`,
                        `t7`.`weight_kg`,
                        CAST(`t7`.`randomisation_day` AS BIGINT) AS `randomisation_day`
                      FROM `patients` AS `t7`
                    ) AS `t33`
                      ON `t36`.`patient_id` = `t33`.`patient_id`
                  ) AS `t58`
                ) AS `t63`
                LEFT OUTER JOIN (
                  SELECT
                    `t5`.`patient_id`,
                    IF(
                      `t5`.`vital_status` = 'dead',
                      COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                      CAST(NULL AS BIGINT)
                    ) AS `death_day`,
                    IF(`t5`.`vital_status` = 'dead', `t5`.`cause`, CAST(NULL AS STRING)) AS `death_cause`,
                    GREATEST(
                      `t5`.`last_contact_day`,
                      COALESCE(
                        IF(
                          `t5`.`vital_status` = 'dead',
                          COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                          CAST(NULL AS BIGINT)
                        ),
                        `t5`.`last_contact_day`
                      )
                    ) AS `censor_day`
                  FROM `followup` AS `t5`
                ) AS `t45`
                  ON `t63`.`patient_id` = `t45`.`patient_id`
              ) AS `t74`
            ) AS `t80`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`patient_id`,
                CAST(MIN(`t19`.`day`) AS BIGINT) AS `relapse_recorded_day`
              FROM (
                SELECT
                  *
                FROM `disease_assessments` AS `t3`
                WHERE
                  `t3`.`status` IN ('relapse', 'progression') AND `t3`.`day` > 0
              ) AS `t19`
              GROUP BY
                1
            ) AS `t54`
              ON `t80`.`patient_id` = `t54`.`patient_id`
          ) AS `t88`
        ) AS `t95`
        LEFT OUTER JOIN (
          SELECT
            `t2`.`patient_id`,
            MAX(`t2`.`day`) AS `last_lab_day`
          FROM `labs` AS `t2`
          GROUP BY
            1
        ) AS `t29`
          ON `t95`.`patient_id` = `t29`.`patient_id`
      ) AS `t108`
    ) AS `t111`
  ) AS `t121`
  WHERE
    `t121`.`cutoff` IS NOT NULL AND `t121`.`modality` IN ('allo_hsct', 'auto_hsct')
), `t144` AS (
  SELECT
    `t124`.`patient_id`,
    `t124`.`assessment_day` AS `day`,
    CASE
      WHEN `t124`.`max_level` < 5.0
      THEN 'donor_loss'
      WHEN `t124`.`min_level` > 95.0
      THEN CASE
        WHEN `t124`.`myeloid` AND `t124`.`lymphoid`
        THEN 'full'
        WHEN `t124`.`myeloid`
        THEN 'full_myeloid_only'
        WHEN `t124`.`lymphoid`
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS `category`,
    `t124`.`lineage`,
    `t124`.`method`
  FROM (
    SELECT
      `t119`.`patient_id`,
      `t119`.`assessment_day`,
      MIN(`t119`.`level`) AS `min_level`,
      MAX(`t119`.`level`) AS `max_level`,
      BOOL_OR(`t119`.`lineage_group` = 'myeloid') AS `myeloid`,
      BOOL_OR(`t119`.`lineage_group` = 'lymphoid') AS `lymphoid`,
      MAX(IF(`t119`.`low_rank` = 0, `t119`.`lineage`, NULL)) AS `lineage`,
      MAX(IF(`t119`.`low_rank` = 0, `t119`.`method`, NULL)) AS `method`
    FROM (
      SELECT
        `t105`.`patient_id`,
        `t105`.`assessment_day`,
        `t105`.`day`,
        `t105`.`lineage`,
        `t105`.`method`,
        `t105`.`detected`,
        `t105`.`level`,
        `t105`.`lineage_group`,
        `t105`.`group_rank`,
        ROW_NUMBER() OVER (
          PARTITION BY `t105`.`patient_id`, `t105`.`assessment_day`
          ORDER BY `t105`.`level` ASC NULLS LAST, `t105`.`lineage` ASC NULLS LAST, `t105`.`method` ASC NULLS LAST
        ) - 1 AS `low_rank`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t79`.`patient_id`,
            `t79`.`assessment_day`,
            `t79`.`day`,
            `t79`.`lineage`,
            `t79`.`method`,
            `t79`.`detected`,
            `t79`.`level`,
            `t79`.`lineage_group`,
            ROW_NUMBER() OVER (
              PARTITION BY `t79`.`patient_id`, `t79`.`assessment_day`, `t79`.`lineage_group`
              ORDER BY `t79`.`day` DESC, `t79`.`level` ASC NULLS LAST, `t79`.`lineage` ASC NULLS LAST, `t79`.`method` ASC NULLS LAST
            ) - 1 AS `group_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t35`.`patient_id`,
                `t35`.`assessment_day`,
                `t57`.`day`,
                `t57`.`lineage`,
                `t57`.`method`,
                `t57`.`detected`,
                `t57`.`level`,
                `t57`.`lineage_group`
              FROM (
                SELECT DISTINCT
                  `t8`.`patient_id`,
                  CAST(`t8`.`day` AS BIGINT) AS `assessment_day`
                FROM `chimerism` AS `t8`
                WHERE
                  `t8`.`day` > 0
              ) AS `t35`
              INNER JOIN `t42` AS `t57`
                ON `t35`.`patient_id` = `t57`.`patient_id`
            ) AS `t71`
            WHERE
              `t71`.`day` <= `t71`.`assessment_day`
              AND `t71`.`day` >= (
                `t71`.`assessment_day` - 7
              )
          ) AS `t79`
        ) AS `t92`
        WHERE
          `t92`.`group_rank` = 0
      ) AS `t105`
    ) AS `t119`
    GROUP BY
      1,
      2
  ) AS `t124`
), `t206` AS (
  SELECT
    `t197`.`patient_id`,
    IF(
      (
        IF(NOT (
          `t197`.`n_fell`
        ), 0, `t197`.`n_day`) IS NOT NULL
      )
      AND (
        IF(NOT (
          `t197`.`p_fell`
        ), 0, `t197`.`p_day`) IS NOT NULL
      ),
      GREATEST(
        IF(NOT (
          `t197`.`n_fell`
        ), 0, `t197`.`n_day`),
        IF(NOT (
          `t197`.`p_fell`
        ), 0, `t197`.`p_day`)
      ),
      CAST(NULL AS BIGINT)
    ) AS `recovered_day`,
    IF(NOT (
      `t197`.`n_fell`
    ), 0, `t197`.`n_day`) IS NOT NULL AS `neutrophils_recovered`,
    `t197`.`p_fell` IS NOT NULL AS `platelets_known`
  FROM (
    SELECT
      `t195`.`patient_id`,
      `t195`.`n_day`,
      `t195`.`n_fell`,
      `t195`.`p_day`,
      `t195`.`p_fell`
    FROM (
      SELECT
        `t139`.`patient_id`,
        `t139`.`n_day`,
        `t139`.`n_fell`,
        `t189`.`patient_id` AS `patient_id_right`,
        `t189`.`p_day`,
        `t189`.`p_fell`
      FROM (
        SELECT
          `t123`.`patient_id`,
          `t123`.`day` AS `n_day`,
          `t123`.`applicable` AS `n_fell`
        FROM `t122` AS `t123`
      ) AS `t139`
      LEFT OUTER JOIN (
        SELECT
          `t175`.`patient_id`,
          `t175`.`day` AS `p_day`,
          COALESCE(`t175`.`platelet_engraftment_fell`, FALSE)
          OR (
            `t175`.`first_transfusion_day` IS NOT NULL
          ) AS `p_fell`
        FROM (
          SELECT
            `t171`.`patient_id`,
            `t171`.`platelet_engraftment_fell`,
            `t171`.`platelet50_engraftment_fell`,
            `t171`.`first_transfusion_day`,
            `t171`.`day`
          FROM (
            SELECT
              `t155`.`patient_id`,
              `t155`.`platelet_engraftment_fell`,
              `t155`.`platelet50_engraftment_fell`,
              `t155`.`first_transfusion_day`,
              `t162`.`patient_id` AS `patient_id_right`,
              `t162`.`day`
            FROM (
              SELECT
                `t152`.`patient_id`,
                `t152`.`platelet_engraftment_fell`,
                `t152`.`platelet50_engraftment_fell`,
                `t152`.`first_transfusion_day`
              FROM (
                SELECT
                  `t143`.`patient_id`,
                  `t143`.`platelet_engraftment_fell`,
                  `t143`.`platelet50_engraftment_fell`,
                  `t55`.`patient_id` AS `patient_id_right`,
                  `t55`.`first_transfusion_day`
                FROM (
                  SELECT
                    `t129`.`patient_id`,
                    `t129`.`platelet_engraftment_fell`,
                    `t129`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      `t120`.`patient_id`,
                      `t110`.`patient_id` AS `patient_id_right`,
                      `t110`.`platelet_engraftment_fell`,
                      `t110`.`platelet50_engraftment_fell`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t107`.`patient_id`
                        FROM `t106` AS `t107`
                      ) AS `t114`
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t46`.`patient_id`
                        FROM `t41` AS `t46`
                      ) AS `t61`
                    ) AS `t120`
                    LEFT OUTER JOIN `t106` AS `t110`
                      ON `t120`.`patient_id` = `t110`.`patient_id`
                  ) AS `t129`
                ) AS `t143`
                LEFT OUTER JOIN `t41` AS `t55`
                  ON `t143`.`patient_id` = `t55`.`patient_id`
              ) AS `t152`
            ) AS `t155`
            LEFT OUTER JOIN (
              SELECT
                `t148`.`patient_id`,
                CAST(MIN(`t148`.`day`) AS BIGINT) AS `day`
              FROM (
                SELECT
                  `t135`.`patient_id`,
                  `t135`.`day`,
                  `t135`.`failed_before`,
                  `t135`.`first_transfusion_day`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t112`.`patient_id`,
                      `t112`.`day`,
                      `t112`.`failed_before`,
                      `t112`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t103`.`patient_id`,
                        `t103`.`day`,
                        `t103`.`failed_before`,
                        `t55`.`patient_id` AS `patient_id_right`,
                        `t55`.`first_transfusion_day`
                      FROM (
                        SELECT
                          `t91`.`patient_id`,
                          `t91`.`day`,
                          `t91`.`platelet_engraftment_failed_before` AS `failed_before`
                        FROM `t87` AS `t91`
                        WHERE
                          `t91`.`platelet_engraftment_run_start`
                      ) AS `t103`
                      LEFT OUTER JOIN `t41` AS `t55`
                        ON `t103`.`patient_id` = `t55`.`patient_id`
                    ) AS `t112`
                  ) AS `t116`
                  WHERE
                    `t116`.`failed_before`
                    OR COALESCE(`t116`.`first_transfusion_day` < `t116`.`day`, FALSE)
                ) AS `t135`
                LEFT ANTI JOIN `t22` AS `t38`
                  ON `t135`.`patient_id` = `t38`.`patient_id`
                  AND `t38`.`day` <= `t135`.`day`
                  AND `t38`.`day` > (
                    `t135`.`day` - 7
                  )
              ) AS `t148`
              GROUP BY
                1
            ) AS `t162`
              ON `t155`.`patient_id` = `t162`.`patient_id`
          ) AS `t171`
        ) AS `t175`
      ) AS `t189`
        ON `t139`.`patient_id` = `t189`.`patient_id`
    ) AS `t195`
  ) AS `t197`
), `t226` AS (
  SELECT
    `t225`.`patient_id`,
    `t225`.`day`,
    `t225`.`kind`,
    BOOL_OR(`t225`.`relapse_day` IS NOT NULL) AS `explained`
  FROM (
    SELECT
      `t224`.`patient_id`,
      `t224`.`day`,
      `t224`.`kind`,
      `t31`.`patient_id` AS `patient_id_right`,
      `t31`.`relapse_day`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t220`.`patient_id`,
          CAST(`t220`.`day` AS BIGINT) AS `day`,
          'anc' AS `kind`
        FROM (
          SELECT
            `t217`.`patient_id`,
            `t217`.`day`,
            `t217`.`value`,
            `t217`.`meets`,
            `t217`.`meets`
            AND COALESCE(
              LEAD(`t217`.`meets`, 1) OVER (PARTITION BY `t217`.`patient_id` ORDER BY `t217`.`day` ASC NULLS LAST),
              FALSE
            )
            AND COALESCE(
              LEAD(`t217`.`meets`, 2) OVER (PARTITION BY `t217`.`patient_id` ORDER BY `t217`.`day` ASC NULLS LAST),
              FALSE
            )
            AND (
              TRUE
              AND (
                LEAD(`t217`.`day`, 1) OVER (PARTITION BY `t217`.`patient_id` ORDER BY `t217`.`day` ASC NULLS LAST) IS NOT NULL
              )
              AND (
                LEAD(`t217`.`day`, 2) OVER (PARTITION BY `t217`.`patient_id` ORDER BY `t217`.`day` ASC NULLS LAST) IS NOT NULL
              )
            ) AS `run_start`,
            SUM(IF(`t217`.`meets`, 0, 1)) OVER (
              PARTITION BY `t217`.`patient_id`
              ORDER BY `t217`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t215`.`patient_id`,
              `t215`.`day`,
              `t215`.`value`,
              `t215`.`value` < 0.5 AS `meets`
            FROM (
              SELECT
                `t86`.`patient_id`,
                `t86`.`day`,
                `t86`.`value`,
                `t214`.`recovered_day`
              FROM (
                SELECT
                  *
                FROM `t75` AS `t77`
                WHERE
                  `t77`.`value` IS NOT NULL AND NOT ISNAN(`t77`.`value`)
              ) AS `t86`
              INNER JOIN (
                SELECT
                  `t209`.`patient_id`,
                  `t209`.`recovered_day`
                FROM `t206` AS `t209`
                WHERE
                  `t209`.`recovered_day` IS NOT NULL
              ) AS `t214`
                ON `t86`.`patient_id` = `t214`.`patient_id`
            ) AS `t215`
            WHERE
              `t215`.`day` > `t215`.`recovered_day`
          ) AS `t217`
        ) AS `t220`
        WHERE
          `t220`.`run_start`
      ) AS `t222`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t219`.`patient_id`,
          `t219`.`day`,
          'platelet_transfusions' AS `kind`
        FROM (
          SELECT
            `t218`.`patient_id`,
            `t218`.`day`,
            LEAD(`t218`.`day`, 1) OVER (PARTITION BY `t218`.`patient_id` ORDER BY `t218`.`day` ASC NULLS LAST) AS `kth`
          FROM (
            SELECT DISTINCT
              `t216`.`patient_id`,
              CAST(`t216`.`day` AS BIGINT) AS `day`
            FROM (
              SELECT
                `t39`.`patient_id`,
                `t39`.`day`,
                `t214`.`recovered_day`
              FROM `t22` AS `t39`
              INNER JOIN (
                SELECT
                  `t209`.`patient_id`,
                  `t209`.`recovered_day`
                FROM `t206` AS `t209`
                WHERE
                  `t209`.`recovered_day` IS NOT NULL
              ) AS `t214`
                ON `t39`.`patient_id` = `t214`.`patient_id`
            ) AS `t216`
            WHERE
              `t216`.`day` > `t216`.`recovered_day`
          ) AS `t218`
        ) AS `t219`
        WHERE
          (
            `t219`.`kth` - `t219`.`day`
          ) <= 6
      ) AS `t221`
    ) AS `t224`
    LEFT OUTER JOIN (
      SELECT
        `t3`.`patient_id`,
        CAST(`t3`.`day` AS BIGINT) AS `relapse_day`
      FROM `disease_assessments` AS `t3`
      WHERE
        `t3`.`status` IN ('relapse', 'progression') AND `t3`.`day` > 0
    ) AS `t31`
      ON `t224`.`patient_id` = `t31`.`patient_id`
      AND `t31`.`relapse_day` BETWEEN `t224`.`day` - 14 AND `t224`.`day` + 14
  ) AS `t225`
  GROUP BY
    1,
    2,
    3
)
SELECT
  `t242`.`patient_id`,
  `t242`.`arm`,
  `t242`.`modality`,
  IF(
    `t242`.`neutrophil_engraftment_applicable`,
    CASE
      WHEN (
        `t242`.`neutrophil_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`neutrophil_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN `t242`.`neutrophil_engraftment_event_day`
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN `t242`.`engraftment_competing_day`
      ELSE `t242`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `neutrophil_engraftment_day`,
  IF(
    `t242`.`neutrophil_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t242`.`neutrophil_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`neutrophil_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `neutrophil_engraftment_status`,
  `t242`.`neutrophil_engraftment_applicable`,
  IF(
    `t242`.`platelet_engraftment_applicable`,
    CASE
      WHEN (
        `t242`.`platelet_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`platelet_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN `t242`.`platelet_engraftment_event_day`
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN `t242`.`engraftment_competing_day`
      ELSE `t242`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `platelet_engraftment_day`,
  IF(
    `t242`.`platelet_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t242`.`platelet_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`platelet_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `platelet_engraftment_status`,
  `t242`.`platelet_engraftment_applicable`,
  IF(
    `t242`.`platelet50_engraftment_applicable`,
    CASE
      WHEN (
        `t242`.`platelet50_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`platelet50_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN `t242`.`platelet50_engraftment_event_day`
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN `t242`.`engraftment_competing_day`
      ELSE `t242`.`censor_day`
    END,
    CAST(NULL AS BIGINT)
  ) AS `platelet50_engraftment_day`,
  IF(
    `t242`.`platelet50_engraftment_applicable`,
    CAST(CASE
      WHEN (
        `t242`.`platelet50_engraftment_event_day` IS NOT NULL
      )
      AND (
        (
          `t242`.`engraftment_competing_day` IS NULL
        )
        OR (
          `t242`.`platelet50_engraftment_event_day` <= `t242`.`engraftment_competing_day`
        )
      )
      THEN 1
      WHEN `t242`.`engraftment_competing_day` IS NOT NULL
      THEN 2
      ELSE 0
    END AS BIGINT),
    CAST(NULL AS BIGINT)
  ) AS `platelet50_engraftment_status`,
  `t242`.`platelet50_engraftment_applicable`,
  CASE
    WHEN (
      `t242`.`agvhd_2_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`agvhd_2_4_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN `t242`.`agvhd_2_4_event_day`
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN `t242`.`gvhd_competing_day`
    ELSE `t242`.`censor_day`
  END AS `agvhd_2_4_day`,
  CAST(CASE
    WHEN (
      `t242`.`agvhd_2_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`agvhd_2_4_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `agvhd_2_4_status`,
  CASE
    WHEN (
      `t242`.`agvhd_3_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`agvhd_3_4_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN `t242`.`agvhd_3_4_event_day`
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN `t242`.`gvhd_competing_day`
    ELSE `t242`.`censor_day`
  END AS `agvhd_3_4_day`,
  CAST(CASE
    WHEN (
      `t242`.`agvhd_3_4_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`agvhd_3_4_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `agvhd_3_4_status`,
  CASE
    WHEN (
      `t242`.`cgvhd_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`cgvhd_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN `t242`.`cgvhd_event_day`
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN `t242`.`gvhd_competing_day`
    ELSE `t242`.`censor_day`
  END AS `cgvhd_day`,
  CAST(CASE
    WHEN (
      `t242`.`cgvhd_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`gvhd_competing_day` IS NULL
      )
      OR (
        `t242`.`cgvhd_event_day` <= `t242`.`gvhd_competing_day`
      )
    )
    THEN 1
    WHEN `t242`.`gvhd_competing_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `cgvhd_status`,
  CASE
    WHEN (
      `t242`.`relapse_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`relapse_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`relapse_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `relapse_day`,
  CAST(CASE
    WHEN (
      `t242`.`relapse_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`relapse_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `relapse_status`,
  CASE
    WHEN (
      `t242`.`nrm_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`relapse_day` IS NULL
      )
      OR (
        `t242`.`nrm_event_day` <= `t242`.`relapse_day`
      )
    )
    THEN `t242`.`nrm_event_day`
    WHEN `t242`.`relapse_day` IS NOT NULL
    THEN `t242`.`relapse_day`
    ELSE `t242`.`censor_day`
  END AS `nrm_day`,
  CAST(CASE
    WHEN (
      `t242`.`nrm_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`relapse_day` IS NULL
      )
      OR (
        `t242`.`nrm_event_day` <= `t242`.`relapse_day`
      )
    )
    THEN 1
    WHEN `t242`.`relapse_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `nrm_status`,
  CASE
    WHEN (
      `t242`.`death_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`death_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t242`.`death_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t242`.`censor_day`
  END AS `os_day`,
  CAST(CASE
    WHEN (
      `t242`.`death_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`death_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `os_status`,
  CASE
    WHEN (
      `t242`.`pfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`pfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t242`.`pfs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t242`.`censor_day`
  END AS `pfs_day`,
  CAST(CASE
    WHEN (
      `t242`.`pfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`pfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `pfs_status`,
  CASE
    WHEN (
      `t242`.`efs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`efs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t242`.`efs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t242`.`censor_day`
  END AS `efs_day`,
  CAST(CASE
    WHEN (
      `t242`.`efs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`efs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `efs_status`,
  CASE
    WHEN (
      `t242`.`grfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`grfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t242`.`grfs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t242`.`censor_day`
  END AS `grfs_day`,
  CAST(CASE
    WHEN (
      `t242`.`grfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`grfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `grfs_status`,
  CASE
    WHEN (
      `t242`.`crfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`crfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN `t242`.`crfs_event_day`
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN CAST(NULL AS BIGINT)
    ELSE `t242`.`censor_day`
  END AS `crfs_day`,
  CAST(CASE
    WHEN (
      `t242`.`crfs_event_day` IS NOT NULL
    )
    AND (
      (
        CAST(NULL AS BIGINT) IS NULL
      )
      OR (
        `t242`.`crfs_event_day` <= CAST(NULL AS BIGINT)
      )
    )
    THEN 1
    WHEN CAST(NULL AS BIGINT) IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `crfs_status`,
  CASE
    WHEN (
      `t242`.`infection_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`infection_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `infection_day`,
  CAST(CASE
    WHEN (
      `t242`.`infection_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_status`,
  CASE
    WHEN (
      `t242`.`infection_bacterial_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_bacterial_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`infection_bacterial_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `infection_bacterial_day`,
  CAST(CASE
    WHEN (
      `t242`.`infection_bacterial_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_bacterial_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_bacterial_status`,
  CASE
    WHEN (
      `t242`.`infection_viral_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_viral_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`infection_viral_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `infection_viral_day`,
  CAST(CASE
    WHEN (
      `t242`.`infection_viral_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_viral_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_viral_status`,
  CASE
    WHEN (
      `t242`.`infection_fungal_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_fungal_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`infection_fungal_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `infection_fungal_day`,
  CAST(CASE
    WHEN (
      `t242`.`infection_fungal_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_fungal_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_fungal_status`,
  CASE
    WHEN (
      `t242`.`infection_other_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_other_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`infection_other_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `infection_other_day`,
  CAST(CASE
    WHEN (
      `t242`.`infection_other_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`infection_other_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `infection_other_status`,
  CASE
    WHEN (
      `t242`.`immune_reconstitution_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`immune_reconstitution_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`immune_reconstitution_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `immune_reconstitution_day`,
  CAST(CASE
    WHEN (
      `t242`.`immune_reconstitution_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`immune_reconstitution_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `immune_reconstitution_status`,
  CASE
    WHEN (
      `t242`.`lymphocyte_recovery_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`lymphocyte_recovery_event_day` <= `t242`.`death_day`
      )
    )
    THEN `t242`.`lymphocyte_recovery_event_day`
    WHEN `t242`.`death_day` IS NOT NULL
    THEN `t242`.`death_day`
    ELSE `t242`.`censor_day`
  END AS `lymphocyte_recovery_day`,
  CAST(CASE
    WHEN (
      `t242`.`lymphocyte_recovery_event_day` IS NOT NULL
    )
    AND (
      (
        `t242`.`death_day` IS NULL
      )
      OR (
        `t242`.`lymphocyte_recovery_event_day` <= `t242`.`death_day`
      )
    )
    THEN 1
    WHEN `t242`.`death_day` IS NOT NULL
    THEN 2
    ELSE 0
  END AS BIGINT) AS `lymphocyte_recovery_status`,
  COALESCE(`t242`.`agvhd_max_grade`, 0) AS `agvhd_max_grade`,
  CASE
    WHEN COALESCE(`t242`.`cgvhd_max_rank`, 0) = 0
    THEN 'none'
    WHEN COALESCE(`t242`.`cgvhd_max_rank`, 0) = 1
    THEN 'mild'
    WHEN COALESCE(`t242`.`cgvhd_max_rank`, 0) = 2
    THEN 'moderate'
    WHEN COALESCE(`t242`.`cgvhd_max_rank`, 0) = 3
    THEN 'severe'
    ELSE 'none'
  END AS `cgvhd_max_severity`,
  CASE
    WHEN NOT (
      `t242`.`modality` IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN `t242`.`graft_source` = 'bm'
          THEN 30
          WHEN `t242`.`graft_source` = 'pbsc'
          THEN 30
          WHEN `t242`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN (
      (
        `t242`.`neutrophil_engraftment_fell` IS NOT NULL
      )
      AND NOT (
        COALESCE(`t242`.`neutrophil_engraftment_fell`, TRUE)
      )
    )
    OR (
      (
        `t242`.`neutrophil_engraftment_event_day` IS NOT NULL
      )
      AND (
        `t242`.`neutrophil_engraftment_event_day` <= CASE
          WHEN `t242`.`graft_source` = 'bm'
          THEN 30
          WHEN `t242`.`graft_source` = 'pbsc'
          THEN 30
          WHEN `t242`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END
      )
    )
    THEN 'no'
    WHEN `t242`.`neutrophil_engraftment_fell` IS NULL
    THEN 'not_evaluable'
    WHEN `t242`.`censor_day` < CASE
      WHEN `t242`.`graft_source` = 'bm'
      THEN 30
      WHEN `t242`.`graft_source` = 'pbsc'
      THEN 30
      WHEN `t242`.`graft_source` = 'cord'
      THEN 42
      ELSE CAST(NULL AS BIGINT)
    END
    THEN 'not_evaluable'
    WHEN NOT (
      COALESCE(`t242`.`anc_low_near`, FALSE)
    )
    THEN 'not_evaluable'
    WHEN COALESCE(`t242`.`platelets_low_near`, FALSE)
    THEN 'yes'
    WHEN COALESCE(`t242`.`platelets_seen_near`, FALSE)
    THEN 'no'
    ELSE 'not_evaluable'
  END AS `primary_graft_failure`,
  CASE
    WHEN NOT (
      `t242`.`modality` IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN `t242`.`graft_source` = 'bm'
          THEN 30
          WHEN `t242`.`graft_source` = 'pbsc'
          THEN 30
          WHEN `t242`.`graft_source` = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN NOT (
      `t242`.`recovered_day` IS NOT NULL
    )
    AND (
      TRUE
      AND COALESCE(`t242`.`neutrophils_recovered`, FALSE)
      AND NOT (
        COALESCE(`t242`.`platelets_known`, FALSE)
      )
    )
    THEN 'not_evaluable'
    WHEN NOT (
      `t242`.`recovered_day` IS NOT NULL
    )
    THEN 'not_applicable'
    WHEN `t242`.`decline_day` IS NOT NULL
    THEN 'yes'
    ELSE 'no'
  END AS `secondary_graft_failure`,
  IF(
    `t242`.`modality` IN ('allo_hsct', 'auto_hsct')
    AND (
      CASE
        WHEN `t242`.`graft_source` = 'bm'
        THEN 30
        WHEN `t242`.`graft_source` = 'pbsc'
        THEN 30
        WHEN `t242`.`graft_source` = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END IS NOT NULL
    ),
    `t242`.`decline_day`,
    CAST(NULL AS BIGINT)
  ) AS `secondary_graft_failure_day`,
  CASE
    WHEN NOT (
      `t242`.`modality` = 'allo_hsct'
    )
    THEN 'not_applicable'
    WHEN `t242`.`graft_rejection_day` IS NOT NULL
    THEN 'yes'
    WHEN `t242`.`allo_day` IS NOT NULL
    THEN 'no'
    ELSE 'not_tested'
  END AS `graft_rejection`,
  IF(`t242`.`modality` = 'allo_hsct', `t242`.`graft_rejection_day`, CAST(NULL AS BIGINT)) AS `graft_rejection_day`,
  IF(
    `t242`.`modality` = 'allo_hsct',
    `t242`.`graft_rejection_assay`,
    CAST(NULL AS STRING)
  ) AS `graft_rejection_assay`,
  IF(
    (
      `t242`.`allo_day` IS NOT NULL
    ) OR (
      `t242`.`mst_day` IS NOT NULL
    ),
    IF(`t242`.`modality` = 'mst', `t242`.`mst_category`, `t242`.`allo_category`),
    'not_tested'
  ) AS `chimerism_category`,
  IF(`t242`.`modality` = 'mst', `t242`.`mst_day`, `t242`.`allo_day`) AS `chimerism_day`,
  IF(`t242`.`modality` = 'mst', `t242`.`mst_method`, `t242`.`allo_method`) AS `chimerism_assay`,
  IF(`t242`.`modality` = 'mst', `t242`.`mst_lineage`, `t242`.`allo_lineage`) AS `chimerism_lineage`,
  IF(`t242`.`modality` = 'mst', `t242`.`microchimerism_first_day`, CAST(NULL AS BIGINT)) AS `microchimerism_first_day`,
  IF(`t242`.`modality` = 'mst', `t242`.`microchimerism_last_day`, CAST(NULL AS BIGINT)) AS `microchimerism_last_day`,
  COALESCE(`t242`.`best_response`, 'not_assessed') AS `best_response`,
  COALESCE(`t242`.`best_response`, 'not_assessed') IN ('cr') AS `cr_achieved`,
  `t242`.`death_cause`,
  COALESCE(`t242`.`relapse_at_death`, FALSE) AS `relapse_at_death`,
  COALESCE(`t242`.`infections_by_day100`, 0) AS `infections_by_day100`,
  COALESCE(`t242`.`infections_by_day100_bacterial`, 0) AS `infections_by_day100_bacterial`,
  COALESCE(`t242`.`infections_by_day100_viral`, 0) AS `infections_by_day100_viral`,
  COALESCE(`t242`.`infections_by_day100_fungal`, 0) AS `infections_by_day100_fungal`,
  COALESCE(`t242`.`infections_by_day100_other`, 0) AS `infections_by_day100_other`,
  COALESCE(`t242`.`serious_adverse_event_attributed`, FALSE) AS `serious_adverse_event_attributed`
FROM (
  SELECT
    `t241`.`patient_id`,
    `t241`.`arm`,
    `t241`.`modality`,
    `t241`.`graft_source`,
    `t241`.`second_infusion_day`,
    `t241`.`weight_kg`,
    `t241`.`death_day`,
    `t241`.`death_cause`,
    `t241`.`censor_day`,
    `t241`.`relapse_recorded_day`,
    `t241`.`relapse_day`,
    `t241`.`relapse_at_death`,
    `t241`.`origin_day`,
    `t241`.`neutrophil_engraftment_event_day`,
    `t241`.`neutrophil_engraftment_fell`,
    `t241`.`platelet_engraftment_event_day`,
    `t241`.`platelet_engraftment_fell`,
    `t241`.`platelet50_engraftment_event_day`,
    `t241`.`platelet50_engraftment_fell`,
    `t241`.`cutoff`,
    `t241`.`anc_low_near`,
    `t241`.`platelets_low_near`,
    `t241`.`platelets_seen_near`,
    `t241`.`recovered_day`,
    `t241`.`neutrophils_recovered`,
    `t241`.`platelets_known`,
    `t241`.`decline_day`,
    `t241`.`decline_kind`,
    `t241`.`explained`,
    `t241`.`agvhd_max_grade`,
    `t241`.`cgvhd_max_rank`,
    `t241`.`agvhd_2_4_event_day`,
    `t241`.`agvhd_3_4_event_day`,
    `t241`.`cgvhd_event_day`,
    `t241`.`grfs_agvhd_day`,
    `t241`.`grfs_cgvhd_day`,
    `t241`.`crfs_cgvhd_day`,
    `t241`.`allo_category`,
    `t241`.`allo_day`,
    `t241`.`allo_lineage`,
    `t241`.`allo_method`,
    `t241`.`mst_category`,
    `t241`.`mst_day`,
    `t241`.`mst_lineage`,
    `t241`.`mst_method`,
    `t241`.`microchimerism_first_day`,
    `t241`.`microchimerism_last_day`,
    `t241`.`graft_rejection_day`,
    `t241`.`graft_rejection_assay`,
    `t241`.`best_response`,
    `t241`.`infection_event_day`,
    `t241`.`infections_by_day100`,
    `t241`.`infection_bacterial_event_day`,
    `t241`.`infections_by_day100_bacterial`,
    `t241`.`infection_viral_event_day`,
    `t241`.`infections_by_day100_viral`,
    `t241`.`infection_fungal_event_day`,
    `t241`.`infections_by_day100_fungal`,
    `t241`.`infection_other_event_day`,
    `t241`.`infections_by_day100_other`,
    `t241`.`immune_reconstitution_event_day`,
    `t241`.`lymphocyte_recovery_event_day`,
    `t241`.`serious_adverse_event_attributed`,
    `t241`.`death_day` AS `engraftment_competing_day`,
    `t241`.`death_day` AS `gvhd_competing_day`,
    IF(
      (
        `t241`.`relapse_day` IS NULL
      )
      OR (
        `t241`.`death_day` < `t241`.`relapse_day`
      ),
      `t241`.`death_day`,
      CAST(NULL AS BIGINT)
    ) AS `nrm_event_day`,
    NULLIF(
      LEAST(
        COALESCE(`t241`.`relapse_day`, 1000000000),
        COALESCE(`t241`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `pfs_event_day`,
    NULLIF(
      LEAST(
        COALESCE(
          IF(
            (
              `t241`.`best_response` IS NOT NULL
            )
            AND NOT (
              `t241`.`best_response` IN ('cr')
            ),
            `t241`.`origin_day`,
            CAST(NULL AS BIGINT)
          ),
          1000000000
        ),
        COALESCE(`t241`.`relapse_day`, 1000000000),
        COALESCE(`t241`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `efs_event_day`,
    NULLIF(
      LEAST(
        COALESCE(`t241`.`grfs_agvhd_day`, 1000000000),
        COALESCE(`t241`.`grfs_cgvhd_day`, 1000000000),
        COALESCE(`t241`.`relapse_day`, 1000000000),
        COALESCE(`t241`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `grfs_event_day`,
    NULLIF(
      LEAST(
        COALESCE(`t241`.`crfs_cgvhd_day`, 1000000000),
        COALESCE(`t241`.`relapse_day`, 1000000000),
        COALESCE(`t241`.`death_day`, 1000000000)
      ),
      1000000000
    ) AS `crfs_event_day`,
    COALESCE(`t241`.`neutrophil_engraftment_fell`, TRUE) AS `neutrophil_engraftment_applicable`,
    COALESCE(`t241`.`platelet_engraftment_fell`, TRUE) AS `platelet_engraftment_applicable`,
    COALESCE(`t241`.`platelet50_engraftment_fell`, TRUE) AS `platelet50_engraftment_applicable`
  FROM (
    SELECT
      `t132`.`patient_id`,
      `t132`.`arm`,
      `t132`.`modality`,
      `t132`.`graft_source`,
      `t132`.`second_infusion_day`,
      `t132`.`weight_kg`,
      `t132`.`death_day`,
      `t132`.`death_cause`,
      `t132`.`censor_day`,
      `t132`.`relapse_recorded_day`,
      `t132`.`relapse_day`,
      `t132`.`relapse_at_death`,
      `t132`.`origin_day`,
      `t138`.`neutrophil_engraftment_event_day`,
      `t138`.`neutrophil_engraftment_fell`,
      `t188`.`platelet_engraftment_event_day`,
      `t188`.`platelet_engraftment_fell`,
      `t190`.`platelet50_engraftment_event_day`,
      `t190`.`platelet50_engraftment_fell`,
      `t205`.`cutoff`,
      `t205`.`anc_low_near`,
      `t205`.`platelets_low_near`,
      `t205`.`platelets_seen_near`,
      `t240`.`recovered_day`,
      `t240`.`neutrophils_recovered`,
      `t240`.`platelets_known`,
      `t240`.`decline_day`,
      `t240`.`decline_kind`,
      `t240`.`explained`,
      `t210`.`agvhd_max_grade`,
      `t210`.`cgvhd_max_rank`,
      `t210`.`agvhd_2_4_event_day`,
      `t210`.`agvhd_3_4_event_day`,
      `t210`.`cgvhd_event_day`,
      `t210`.`grfs_agvhd_day`,
      `t210`.`grfs_cgvhd_day`,
      `t210`.`crfs_cgvhd_day`,
      `t211`.`allo_category`,
      `t211`.`allo_day`,
      `t211`.`allo_lineage`,
      `t211`.`allo_method`,
      `t211`.`mst_category`,
      `t211`.`mst_day`,
      `t211`.`mst_lineage`,
      `t211`.`mst_method`,
      `t211`.`microchimerism_first_day`,
      `t211`.`microchimerism_last_day`,
      `t211`.`graft_rejection_day`,
      `t211`.`graft_rejection_assay`,
      `t183`.`best_response`,
      `t67`.`infection_event_day`,
      `t67`.`infections_by_day100`,
      `t67`.`infection_bacterial_event_day`,
      `t67`.`infections_by_day100_bacterial`,
      `t67`.`infection_viral_event_day`,
      `t67`.`infections_by_day100_viral`,
      `t67`.`infection_fungal_event_day`,
      `t67`.`infections_by_day100_fungal`,
      `t67`.`infection_other_event_day`,
      `t67`.`infections_by_day100_other`,
      `t101`.`immune_reconstitution_event_day`,
      `t102`.`lymphocyte_recovery_event_day`,
      `t49`.`serious_adverse_event_attributed`
    FROM (
      SELECT
        `t111`.`patient_id`,
        `t111`.`arm`,
        `t111`.`modality`,
        `t111`.`graft_source`,
        `t111`.`second_infusion_day`,
        `t111`.`weight_kg`,
        `t111`.`death_day`,
        `t111`.`death_cause`,
        COALESCE(`t111`.`censor_day`, CAST(`t111`.`last_lab_day` AS BIGINT), 0) AS `censor_day`,
        `t111`.`relapse_recorded_day`,
        IF(
          (
            `t111`.`death_day` IS NOT NULL
          )
          AND `t111`.`death_cause` IN ('relapse', 'progression')
          AND (
            (
              `t111`.`relapse_recorded_day` IS NULL
            )
            OR (
              `t111`.`relapse_recorded_day` > `t111`.`death_day`
            )
          ),
          `t111`.`death_day`,
          `t111`.`relapse_recorded_day`
        ) AS `relapse_day`,
        COALESCE(
          (
            `t111`.`death_day` IS NOT NULL
          )
          AND `t111`.`death_cause` IN ('relapse', 'progression')
          AND (
            (
              `t111`.`relapse_recorded_day` IS NULL
            )
            OR (
              `t111`.`relapse_recorded_day` > `t111`.`death_day`
            )
          ),
          FALSE
        ) AS `relapse_at_death`,
        0 AS `origin_day`
      FROM (
        SELECT
          `t108`.`patient_id`,
          `t108`.`arm`,
          `t108`.`modality`,
          `t108`.`graft_source`,
          `t108`.`second_infusion_day`,
          `t108`.`treatment_start_day`,
          `t108`.`weight_kg`,
          `t108`.`randomisation_day`,
          `t108`.`death_day`,
          `t108`.`death_cause`,
          `t108`.`censor_day`,
          `t108`.`relapse_recorded_day`,
          `t108`.`last_lab_day`
        FROM (
          SELECT
            `t95`.`patient_id`,
            `t95`.`arm`,
            `t95`.`modality`,
            `t95`.`graft_source`,
            `t95`.`second_infusion_day`,
            `t95`.`treatment_start_day`,
            `t95`.`weight_kg`,
            `t95`.`randomisation_day`,
            `t95`.`death_day`,
            `t95`.`death_cause`,
            `t95`.`censor_day`,
            `t95`.`relapse_recorded_day`,
            `t29`.`patient_id` AS `patient_id_right`,
            `t29`.`last_lab_day`
          FROM (
            SELECT
              `t88`.`patient_id`,
              `t88`.`arm`,
              `t88`.`modality`,
              `t88`.`graft_source`,
              `t88`.`second_infusion_day`,
              `t88`.`treatment_start_day`,
              `t88`.`weight_kg`,
              `t88`.`randomisation_day`,
              `t88`.`death_day`,
              `t88`.`death_cause`,
              `t88`.`censor_day`,
              `t88`.`relapse_recorded_day`
            FROM (
              SELECT
                `t80`.`patient_id`,
                `t80`.`arm`,
                `t80`.`modality`,
                `t80`.`graft_source`,
                `t80`.`second_infusion_day`,
                `t80`.`treatment_start_day`,
                `t80`.`weight_kg`,
                `t80`.`randomisation_day`,
                `t80`.`death_day`,
                `t80`.`death_cause`,
                `t80`.`censor_day`,
                `t54`.`patient_id` AS `patient_id_right`,
                `t54`.`relapse_recorded_day`
              FROM (
                SELECT
                  `t74`.`patient_id`,
                  `t74`.`arm`,
                  `t74`.`modality`,
                  `t74`.`graft_source`,
                  `t74`.`second_infusion_day`,
                  `t74`.`treatment_start_day`,
                  `t74`.`weight_kg`,
                  `t74`.`randomisation_day`,
                  `t74`.`death_day`,
                  `t74`.`death_cause`,
                  `t74`.`censor_day`
                FROM (
                  SELECT
                    `t63`.`patient_id`,
                    `t63`.`arm`,
                    `t63`.`modality`,
                    `t63`.`graft_source`,
                    `t63`.`second_infusion_day`,
                    `t63`.`treatment_start_day`,
                    `t63`.`weight_kg`,
                    `t63`.`randomisation_day`,
                    `t45`.`patient_id` AS `patient_id_right`,
                    `t45`.`death_day`,
                    `t45`.`death_cause`,
                    `t45`.`censor_day`
                  FROM (
                    SELECT
                      `t58`.`patient_id`,
                      `t58`.`arm`,
                      `t58`.`modality`,
                      `t58`.`graft_source`,
                      `t58`.`second_infusion_day`,
                      `t58`.`treatment_start_day`,
                      `t58`.`weight_kg`,
                      `t58`.`randomisation_day`
                    FROM (
                      SELECT
                        `t36`.`patient_id`,
                        `t36`.`arm`,
                        `t36`.`modality`,
                        `t36`.`graft_source`,
                        `t36`.`second_infusion_day`,
                        `t36`.`treatment_start_day`,
                        `t33`.`patient_id` AS `patient_id_right`,
                        `t33`.`weight_kg`,
                        `t33`.`randomisation_day`
                      FROM (
                        SELECT
                          `t9`.`patient_id`,
                          COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                          `t9`.`modality`,
                          `t9`.`graft_source`,
                          CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`,
                          CAST(`t9`.`treatment_start_day` AS BIGINT) AS `treatment_start_day`
                        FROM `treatments` AS `t9`
                      ) AS `t36`
                      LEFT OUTER JOIN (
                        SELECT
                          `t7`.`patient_id`,
                          `t7`.`weight_kg`,
                          CAST(`t7`.`randomisation_day` AS BIGINT) AS `randomisation_day`
                        FROM `patients` AS `t7`
                      ) AS `t33`
                        ON `t36`.`patient_id` = `t33`.`patient_id`
                    ) AS `t58`
                  ) AS `t63`
                  LEFT OUTER JOIN (
                    SELECT
                      `t5`.`patient_id`,
                      IF(
                        `t5`.`vital_status` = 'dead',
                        COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                        CAST(NULL AS BIGINT)
                      ) AS `death_day`,
                      IF(`t5`.`vital_status` = 'dead', `t5`.`cause`, CAST(NULL AS STRING)) AS `death_cause`,
                      GREATEST(
                        `t5`.`last_contact_day`,
                        COALESCE(
                          IF(
                            `t5`.`vital_status` = 'dead',
                            COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                            CAST(NULL AS BIGINT)
                          ),
                          `t5`.`last_contact_day`
                        )
                      ) AS `censor_day`
                    FROM `followup` AS `t5`
                  ) AS `t45`
                    ON `t63`.`patient_id` = `t45`.`patient_id`
                ) AS `t74`
              ) AS `t80`
              LEFT OUTER JOIN (
                SELECT
                  `t19`.`patient_id`,
                  CAST(MIN(`t19`.`day`) AS BIGINT) AS `relapse_recorded_day`
                FROM (
                  SELECT
                    *
                  FROM `disease_assessments` AS `t3`
                  WHERE
                    `t3`.`status` IN ('relapse', 'progression') AND `t3`.`day` > 0
                ) AS `t19`
                GROUP BY
                  1
              ) AS `t54`
                ON `t80`.`patient_id` = `t54`.`patient_id`
            ) AS `t88`
          ) AS `t95`
          LEFT OUTER JOIN (
            SELECT
              `t2`.`patient_id`,
              MAX(`t2`.`day`) AS `last_lab_day`
            FROM `labs` AS `t2`
            GROUP BY
              1
          ) AS `t29`
            ON `t95`.`patient_id` = `t29`.`patient_id`
        ) AS `t108`
      ) AS `t111`
    ) AS `t132`
    LEFT OUTER JOIN (
      SELECT
        `t123`.`patient_id` AS `neutrophil_engraftment_patient_id`,
        `t123`.`day` AS `neutrophil_engraftment_event_day`,
        `t123`.`applicable` AS `neutrophil_engraftment_fell`
      FROM `t122` AS `t123`
    ) AS `t138`
      ON `t132`.`patient_id` = `t138`.`neutrophil_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t175`.`patient_id` AS `platelet_engraftment_patient_id`,
        `t175`.`day` AS `platelet_engraftment_event_day`,
        COALESCE(`t175`.`platelet_engraftment_fell`, FALSE)
        OR (
          `t175`.`first_transfusion_day` IS NOT NULL
        ) AS `platelet_engraftment_fell`
      FROM (
        SELECT
          `t171`.`patient_id`,
          `t171`.`platelet_engraftment_fell`,
          `t171`.`platelet50_engraftment_fell`,
          `t171`.`first_transfusion_day`,
          `t171`.`day`
        FROM (
          SELECT
            `t155`.`patient_id`,
            `t155`.`platelet_engraftment_fell`,
            `t155`.`platelet50_engraftment_fell`,
            `t155`.`first_transfusion_day`,
            `t162`.`patient_id` AS `patient_id_right`,
            `t162`.`day`
          FROM (
            SELECT
              `t152`.`patient_id`,
              `t152`.`platelet_engraftment_fell`,
              `t152`.`platelet50_engraftment_fell`,
              `t152`.`first_transfusion_day`
            FROM (
              SELECT
                `t143`.`patient_id`,
                `t143`.`platelet_engraftment_fell`,
                `t143`.`platelet50_engraftment_fell`,
                `t55`.`patient_id` AS `patient_id_right`,
                `t55`.`first_transfusion_day`
              FROM (
                SELECT
                  `t129`.`patient_id`,
                  `t129`.`platelet_engraftment_fell`,
                  `t129`.`platelet50_engraftment_fell`
                FROM (
                  SELECT
                    `t120`.`patient_id`,
                    `t110`.`patient_id` AS `patient_id_right`,
                    `t110`.`platelet_engraftment_fell`,
                    `t110`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t107`.`patient_id`
                      FROM `t106` AS `t107`
                    ) AS `t114`
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t46`.`patient_id`
                      FROM `t41` AS `t46`
                    ) AS `t61`
                  ) AS `t120`
                  LEFT OUTER JOIN `t106` AS `t110`
                    ON `t120`.`patient_id` = `t110`.`patient_id`
                ) AS `t129`
              ) AS `t143`
              LEFT OUTER JOIN `t41` AS `t55`
                ON `t143`.`patient_id` = `t55`.`patient_id`
            ) AS `t152`
          ) AS `t155`
          LEFT OUTER JOIN (
            SELECT
              `t148`.`patient_id`,
              CAST(MIN(`t148`.`day`) AS BIGINT) AS `day`
            FROM (
              SELECT
                `t135`.`patient_id`,
                `t135`.`day`,
                `t135`.`failed_before`,
                `t135`.`first_transfusion_day`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t112`.`patient_id`,
                    `t112`.`day`,
                    `t112`.`failed_before`,
                    `t112`.`first_transfusion_day`
                  FROM (
                    SELECT
                      `t103`.`patient_id`,
                      `t103`.`day`,
                      `t103`.`failed_before`,
                      `t55`.`patient_id` AS `patient_id_right`,
                      `t55`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t91`.`patient_id`,
                        `t91`.`day`,
                        `t91`.`platelet_engraftment_failed_before` AS `failed_before`
                      FROM `t87` AS `t91`
                      WHERE
                        `t91`.`platelet_engraftment_run_start`
                    ) AS `t103`
                    LEFT OUTER JOIN `t41` AS `t55`
                      ON `t103`.`patient_id` = `t55`.`patient_id`
                  ) AS `t112`
                ) AS `t116`
                WHERE
                  `t116`.`failed_before`
                  OR COALESCE(`t116`.`first_transfusion_day` < `t116`.`day`, FALSE)
              ) AS `t135`
              LEFT ANTI JOIN `t22` AS `t38`
                ON `t135`.`patient_id` = `t38`.`patient_id`
                AND `t38`.`day` <= `t135`.`day`
                AND `t38`.`day` > (
                  `t135`.`day` - 7
                )
            ) AS `t148`
            GROUP BY
              1
          ) AS `t162`
            ON `t155`.`patient_id` = `t162`.`patient_id`
        ) AS `t171`
      ) AS `t175`
    ) AS `t188`
      ON `t132`.`patient_id` = `t188`.`platelet_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t176`.`patient_id` AS `platelet50_engraftment_patient_id`,
        `t176`.`day` AS `platelet50_engraftment_event_day`,
        COALESCE(`t176`.`platelet50_engraftment_fell`, FALSE)
        OR (
          `t176`.`first_transfusion_day` IS NOT NULL
        ) AS `platelet50_engraftment_fell`
      FROM (
        SELECT
          `t172`.`patient_id`,
          `t172`.`platelet_engraftment_fell`,
          `t172`.`platelet50_engraftment_fell`,
          `t172`.`first_transfusion_day`,
          `t172`.`day`
        FROM (
          SELECT
            `t155`.`patient_id`,
            `t155`.`platelet_engraftment_fell`,
            `t155`.`platelet50_engraftment_fell`,
            `t155`.`first_transfusion_day`,
            `t163`.`patient_id` AS `patient_id_right`,
            `t163`.`day`
          FROM (
            SELECT
              `t152`.`patient_id`,
              `t152`.`platelet_engraftment_fell`,
              `t152`.`platelet50_engraftment_fell`,
              `t152`.`first_transfusion_day`
            FROM (
              SELECT
                `t143`.`patient_id`,
                `t143`.`platelet_engraftment_fell`,
                `t143`.`platelet50_engraftment_fell`,
                `t55`.`patient_id` AS `patient_id_right`,
                `t55`.`first_transfusion_day`
              FROM (
                SELECT
                  `t129`.`patient_id`,
                  `t129`.`platelet_engraftment_fell`,
                  `t129`.`platelet50_engraftment_fell`
                FROM (
                  SELECT
                    `t120`.`patient_id`,
                    `t110`.`patient_id` AS `patient_id_right`,
                    `t110`.`platelet_engraftment_fell`,
                    `t110`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t107`.`patient_id`
                      FROM `t106` AS `t107`
                    ) AS `t114`
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t46`.`patient_id`
                      FROM `t41` AS `t46`
                    ) AS `t61`
                  ) AS `t120`
                  LEFT OUTER JOIN `t106` AS `t110`
                    ON `t120`.`patient_id` = `t110`.`patient_id`
                ) AS `t129`
              ) AS `t143`
              LEFT OUTER JOIN `t41` AS `t55`
                ON `t143`.`patient_id` = `t55`.`patient_id`
            ) AS `t152`
          ) AS `t155`
          LEFT OUTER JOIN (
            SELECT
              `t149`.`patient_id`,
              CAST(MIN(`t149`.`day`) AS BIGINT) AS `day`
            FROM (
              SELECT
                `t136`.`patient_id`,
                `t136`.`day`,
                `t136`.`failed_before`,
                `t136`.`first_transfusion_day`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t113`.`patient_id`,
                    `t113`.`day`,
                    `t113`.`failed_before`,
                    `t113`.`first_transfusion_day`
                  FROM (
                    SELECT
                      `t104`.`patient_id`,
                      `t104`.`day`,
                      `t104`.`failed_before`,
                      `t55`.`patient_id` AS `patient_id_right`,
                      `t55`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t91`.`patient_id`,
                        `t91`.`day`,
                        `t91`.`platelet50_engraftment_failed_before` AS `failed_before`
                      FROM `t87` AS `t91`
                      WHERE
                        `t91`.`platelet50_engraftment_run_start`
                    ) AS `t104`
                    LEFT OUTER JOIN `t41` AS `t55`
                      ON `t104`.`patient_id` = `t55`.`patient_id`
                  ) AS `t113`
                ) AS `t117`
                WHERE
                  `t117`.`failed_before`
                  OR COALESCE(`t117`.`first_transfusion_day` < `t117`.`day`, FALSE)
              ) AS `t136`
              LEFT ANTI JOIN `t22` AS `t38`
                ON `t136`.`patient_id` = `t38`.`patient_id`
                AND `t38`.`day` <= `t136`.`day`
                AND `t38`.`day` > (
                  `t136`.`day` - 7
                )
            ) AS `t149`
            GROUP BY
              1
          ) AS `t163`
            ON `t155`.`patient_id` = `t163`.`patient_id`
        ) AS `t172`
      ) AS `t176`
    ) AS `t190`
      ON `t132`.`patient_id` = `t190`.`platelet50_engraftment_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t200`.`patient_id` AS `primary_graft_failure_evidence_patient_id`,
        `t200`.`cutoff`,
        COALESCE(`t200`.`anc_low_near`, FALSE) AS `anc_low_near`,
        COALESCE(`t200`.`platelets_low_near`, FALSE) AS `platelets_low_near`,
        COALESCE(`t200`.`platelets_seen_near`, FALSE) AS `platelets_seen_near`
      FROM (
        SELECT
          `t199`.`patient_id`,
          `t199`.`cutoff`,
          `t199`.`anc_low_near`,
          `t199`.`platelets_low_near`,
          `t199`.`platelets_seen_near`
        FROM (
          SELECT
            `t192`.`patient_id`,
            `t192`.`cutoff`,
            `t192`.`anc_low_near`,
            `t173`.`patient_id` AS `patient_id_right`,
            `t173`.`platelets_low_near`,
            `t173`.`platelets_seen_near`
          FROM (
            SELECT
              `t182`.`patient_id`,
              `t182`.`cutoff`,
              `t182`.`anc_low_near`
            FROM (
              SELECT
                `t141`.`patient_id`,
                `t141`.`cutoff`,
                `t174`.`patient_id` AS `patient_id_right`,
                `t174`.`anc_low_near`
              FROM `t130` AS `t141`
              LEFT OUTER JOIN (
                SELECT
                  `t161`.`patient_id`,
                  BOOL_OR(`t161`.`value` < 0.5) AS `anc_low_near`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t86`.`patient_id`,
                      `t86`.`day`,
                      `t86`.`value`,
                      `t142`.`cutoff`
                    FROM (
                      SELECT
                        *
                      FROM `t75` AS `t77`
                      WHERE
                        `t77`.`value` IS NOT NULL AND NOT ISNAN(`t77`.`value`)
                    ) AS `t86`
                    INNER JOIN `t130` AS `t142`
                      ON `t86`.`patient_id` = `t142`.`patient_id`
                  ) AS `t151`
                  WHERE
                    `t151`.`day` BETWEEN `t151`.`cutoff` - 7 AND `t151`.`cutoff`
                ) AS `t161`
                GROUP BY
                  1
              ) AS `t174`
                ON `t141`.`patient_id` = `t174`.`patient_id`
            ) AS `t182`
          ) AS `t192`
          LEFT OUTER JOIN (
            SELECT
              `t160`.`patient_id`,
              BOOL_OR(`t160`.`low`) AS `platelets_low_near`,
              COUNT(`t160`.`day`) > 0 AS `platelets_seen_near`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t73`.`patient_id`,
                  `t73`.`day`,
                  `t73`.`low`,
                  `t142`.`cutoff`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t60`.`patient_id`,
                      CAST(`t60`.`day` AS BIGINT) AS `day`,
                      `t60`.`value` < 20.0 AS `low`
                    FROM `t53` AS `t60`
                  ) AS `t68`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t6`.`patient_id`,
                      CAST(`t6`.`day` AS BIGINT) AS `day`,
                      TRUE AS `low`
                    FROM `transfusions` AS `t6`
                    WHERE
                      `t6`.`product` = 'platelets'
                  ) AS `t23`
                ) AS `t73`
                INNER JOIN `t130` AS `t142`
                  ON `t73`.`patient_id` = `t142`.`patient_id`
              ) AS `t150`
              WHERE
                `t150`.`day` BETWEEN `t150`.`cutoff` - 7 AND `t150`.`cutoff` + 7
            ) AS `t160`
            GROUP BY
              1
          ) AS `t173`
            ON `t192`.`patient_id` = `t173`.`patient_id`
        ) AS `t199`
      ) AS `t200`
    ) AS `t205`
      ON `t132`.`patient_id` = `t205`.`primary_graft_failure_evidence_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t238`.`patient_id` AS `secondary_graft_failure_patient_id`,
        `t238`.`recovered_day`,
        `t238`.`neutrophils_recovered`,
        `t238`.`platelets_known`,
        `t238`.`decline_day`,
        `t238`.`decline_kind`,
        COALESCE(`t238`.`explained`, FALSE) AS `explained`
      FROM (
        SELECT
          `t237`.`patient_id`,
          `t237`.`recovered_day`,
          `t237`.`neutrophils_recovered`,
          `t237`.`platelets_known`,
          `t237`.`decline_day`,
          `t237`.`decline_kind`,
          `t237`.`explained`
        FROM (
          SELECT
            `t236`.`patient_id`,
            `t236`.`recovered_day`,
            `t236`.`neutrophils_recovered`,
            `t236`.`platelets_known`,
            `t236`.`decline_day`,
            `t236`.`decline_kind`,
            `t230`.`patient_id` AS `patient_id_right`,
            `t230`.`explained`
          FROM (
            SELECT
              `t234`.`patient_id`,
              `t234`.`recovered_day`,
              `t234`.`neutrophils_recovered`,
              `t234`.`platelets_known`,
              `t234`.`decline_day`,
              `t234`.`decline_kind`
            FROM (
              SELECT
                `t212`.`patient_id`,
                `t212`.`recovered_day`,
                `t212`.`neutrophils_recovered`,
                `t212`.`platelets_known`,
                `t233`.`patient_id` AS `patient_id_right`,
                `t233`.`decline_day`,
                `t233`.`decline_kind`
              FROM `t206` AS `t212`
              LEFT OUTER JOIN (
                SELECT
                  `t231`.`patient_id`,
                  `t231`.`day` AS `decline_day`,
                  `t231`.`kind` AS `decline_kind`
                FROM (
                  SELECT
                    `t229`.`patient_id`,
                    `t229`.`day`,
                    `t229`.`kind`,
                    ROW_NUMBER() OVER (
                      PARTITION BY `t229`.`patient_id`
                      ORDER BY `t229`.`day` ASC NULLS LAST, `t229`.`kind` ASC NULLS LAST
                    ) - 1 AS `rank`
                  FROM (
                    SELECT
                      `t227`.`patient_id`,
                      `t227`.`day`,
                      `t227`.`kind`
                    FROM `t226` AS `t227`
                    WHERE
                      NOT (
                        `t227`.`explained`
                      )
                  ) AS `t229`
                ) AS `t231`
                WHERE
                  `t231`.`rank` = 0
              ) AS `t233`
                ON `t212`.`patient_id` = `t233`.`patient_id`
            ) AS `t234`
          ) AS `t236`
          LEFT OUTER JOIN (
            SELECT
              `t227`.`patient_id`,
              BOOL_OR(`t227`.`explained`) AS `explained`
            FROM `t226` AS `t227`
            GROUP BY
              1
          ) AS `t230`
            ON `t236`.`patient_id` = `t230`.`patient_id`
        ) AS `t237`
      ) AS `t238`
    ) AS `t240`
      ON `t132`.`patient_id` = `t240`.`secondary_graft_failure_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t203`.`patient_id` AS `gvhd_patient_id`,
        `t203`.`agvhd_max_grade`,
        `t203`.`cgvhd_max_rank`,
        `t203`.`agvhd_2_4_event_day`,
        `t203`.`agvhd_3_4_event_day`,
        `t203`.`cgvhd_event_day`,
        `t203`.`grfs_agvhd_day`,
        `t203`.`grfs_cgvhd_day`,
        `t203`.`crfs_cgvhd_day`
      FROM (
        SELECT
          `t193`.`patient_id`,
          MAX(IF(`t193`.`day` >= 0, `t193`.`agvhd_grade`, NULL)) AS `agvhd_max_grade`,
          MAX(IF(`t193`.`day` >= 0, `t193`.`cgvhd_severity_rank`, NULL)) AS `cgvhd_max_rank`,
          CAST(MIN(
            IF((
              `t193`.`day` >= 0
            ) AND (
              `t193`.`agvhd_grade` >= 2
            ), `t193`.`day`, NULL)
          ) AS BIGINT) AS `agvhd_2_4_event_day`,
          CAST(MIN(
            IF((
              `t193`.`day` >= 0
            ) AND (
              `t193`.`agvhd_grade` >= 3
            ), `t193`.`day`, NULL)
          ) AS BIGINT) AS `agvhd_3_4_event_day`,
          CAST(MIN(
            IF(
              (
                `t193`.`day` >= 0
              ) AND (
                `t193`.`cgvhd_severity_rank` >= 1
              ),
              `t193`.`day`,
              NULL
            )
          ) AS BIGINT) AS `cgvhd_event_day`,
          CAST(MIN(
            IF((
              `t193`.`day` >= 0
            ) AND (
              `t193`.`agvhd_grade` >= 3
            ), `t193`.`day`, NULL)
          ) AS BIGINT) AS `grfs_agvhd_day`,
          CAST(MIN(
            IF(
              (
                `t193`.`day` >= 0
              )
              AND (
                (
                  `t193`.`cgvhd_severity_rank` >= 1
                )
                AND COALESCE(`t193`.`systemic_therapy`, FALSE)
              ),
              `t193`.`day`,
              NULL
            )
          ) AS BIGINT) AS `grfs_cgvhd_day`,
          CAST(MIN(
            IF(
              (
                `t193`.`day` >= 0
              )
              AND (
                (
                  `t193`.`cgvhd_severity_rank` >= 1
                )
                AND COALESCE(`t193`.`systemic_therapy`, FALSE)
              ),
              `t193`.`day`,
              NULL
            )
          ) AS BIGINT) AS `crfs_cgvhd_day`
        FROM (
          SELECT
            `t164`.`patient_id`,
            `t164`.`day`,
            `t164`.`date`,
            `t164`.`skin_bsa_pct`,
            `t164`.`skin_bullae`,
            `t164`.`skin_stage`,
            `t164`.`bilirubin_mg_dl`,
            `t164`.`liver_stage`,
            `t164`.`upper_gi`,
            `t164`.`stool_ml_day`,
            `t164`.`stool_episodes_day`,
            `t164`.`lower_gi_severe`,
            `t164`.`lower_gi_stage`,
            `t164`.`cgvhd_skin`,
            `t164`.`cgvhd_mouth`,
            `t164`.`cgvhd_eyes`,
            `t164`.`cgvhd_gi`,
            `t164`.`cgvhd_liver`,
            `t164`.`cgvhd_lungs`,
            `t164`.`cgvhd_joints`,
            `t164`.`cgvhd_genital`,
            `t164`.`systemic_therapy`,
            `t164`.`gvhd_diagnosed`,
            `t164`.`alternative_cause`,
            `t164`.`alternative_cause_organ`,
            `t164`.`agvhd_overall_grade`,
            `t164`.`cgvhd_global_severity`,
            `t164`.`cgvhd_diagnostic_sign`,
            `t164`.`weight_kg`,
            `t164`.`stool_ml_avg`,
            `t164`.`stool_episodes_avg`,
            `t164`.`skin`,
            `t164`.`liver`,
            `t164`.`upper`,
            `t164`.`lower`,
            `t164`.`agvhd_grade`,
            `t164`.`agvhd_grade_computed`,
            `t164`.`cgvhd_rank`,
            `t164`.`cgvhd_rank_computed`,
            `t164`.`cgvhd_rank_entered`,
            IF(
              (
                MIN(
                  IF(
                    COALESCE(`t164`.`gvhd_diagnosed`, TRUE)
                    AND (
                      `t164`.`day` >= 0
                    )
                    AND (
                      COALESCE(`t164`.`cgvhd_diagnostic_sign`, FALSE)
                      OR (
                        (
                          `t164`.`cgvhd_rank_entered` >= 1
                        )
                        AND COALESCE(`t164`.`cgvhd_diagnostic_sign`, TRUE)
                      )
                    ),
                    CAST(`t164`.`day` AS BIGINT),
                    CAST(NULL AS BIGINT)
                  )
                ) OVER (
                  PARTITION BY `t164`.`patient_id`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
              AND (
                `t164`.`day` >= MIN(
                  IF(
                    COALESCE(`t164`.`gvhd_diagnosed`, TRUE)
                    AND (
                      `t164`.`day` >= 0
                    )
                    AND (
                      COALESCE(`t164`.`cgvhd_diagnostic_sign`, FALSE)
                      OR (
                        (
                          `t164`.`cgvhd_rank_entered` >= 1
                        )
                        AND COALESCE(`t164`.`cgvhd_diagnostic_sign`, TRUE)
                      )
                    ),
                    CAST(`t164`.`day` AS BIGINT),
                    CAST(NULL AS BIGINT)
                  )
                ) OVER (
                  PARTITION BY `t164`.`patient_id`
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                )
              ),
              `t164`.`cgvhd_rank`,
              0
            ) AS `cgvhd_severity_rank`,
            MIN(
              IF(
                COALESCE(`t164`.`gvhd_diagnosed`, TRUE)
                AND (
                  `t164`.`day` >= 0
                )
                AND (
                  COALESCE(`t164`.`cgvhd_diagnostic_sign`, FALSE)
                  OR (
                    (
                      `t164`.`cgvhd_rank_entered` >= 1
                    )
                    AND COALESCE(`t164`.`cgvhd_diagnostic_sign`, TRUE)
                  )
                ),
                CAST(`t164`.`day` AS BIGINT),
                CAST(NULL AS BIGINT)
              )
            ) OVER (
              PARTITION BY `t164`.`patient_id`
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS `cgvhd_diagnosis_day`
          FROM (
            SELECT
              `t115`.`patient_id`,
              `t115`.`day`,
              `t115`.`date`,
              `t115`.`skin_bsa_pct`,
              `t115`.`skin_bullae`,
              `t115`.`skin_stage`,
              `t115`.`bilirubin_mg_dl`,
              `t115`.`liver_stage`,
              `t115`.`upper_gi`,
              `t115`.`stool_ml_day`,
              `t115`.`stool_episodes_day`,
              `t115`.`lower_gi_severe`,
              `t115`.`lower_gi_stage`,
              `t115`.`cgvhd_skin`,
              `t115`.`cgvhd_mouth`,
              `t115`.`cgvhd_eyes`,
              `t115`.`cgvhd_gi`,
              `t115`.`cgvhd_liver`,
              `t115`.`cgvhd_lungs`,
              `t115`.`cgvhd_joints`,
              `t115`.`cgvhd_genital`,
              `t115`.`systemic_therapy`,
              `t115`.`gvhd_diagnosed`,
              `t115`.`alternative_cause`,
              `t115`.`alternative_cause_organ`,
              `t115`.`agvhd_overall_grade`,
              `t115`.`cgvhd_global_severity`,
              `t115`.`cgvhd_diagnostic_sign`,
              `t115`.`weight_kg`,
              `t115`.`stool_ml_avg`,
              `t115`.`stool_episodes_avg`,
              `t115`.`skin`,
              `t115`.`liver`,
              `t115`.`upper`,
              `t115`.`lower`,
              CASE
                WHEN NOT (
                  COALESCE(`t115`.`gvhd_diagnosed`, TRUE)
                )
                THEN 0
                WHEN FALSE AND (
                  CAST(`t115`.`agvhd_overall_grade` AS BIGINT) IS NOT NULL
                )
                THEN CAST(`t115`.`agvhd_overall_grade` AS BIGINT)
                WHEN (
                  `t115`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t115`.`skin_bsa_pct`)
                )
                OR (
                  `t115`.`skin_bullae` IS NOT NULL
                )
                OR (
                  `t115`.`skin_stage` IS NOT NULL
                )
                OR (
                  `t115`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t115`.`bilirubin_mg_dl`)
                )
                OR (
                  `t115`.`liver_stage` IS NOT NULL
                )
                OR (
                  `t115`.`upper_gi` IS NOT NULL
                )
                OR (
                  `t115`.`stool_ml_day` IS NOT NULL AND NOT ISNAN(`t115`.`stool_ml_day`)
                )
                OR (
                  `t115`.`stool_episodes_day` IS NOT NULL
                  AND NOT ISNAN(`t115`.`stool_episodes_day`)
                )
                OR (
                  `t115`.`lower_gi_severe` IS NOT NULL
                )
                OR (
                  `t115`.`lower_gi_stage` IS NOT NULL
                )
                THEN CASE
                  WHEN (
                    COALESCE(`t115`.`skin`, 0) = 4
                  )
                  OR (
                    COALESCE(`t115`.`liver`, 0) = 4
                  )
                  OR (
                    COALESCE(`t115`.`lower`, 0) = 4
                  )
                  THEN 4
                  WHEN COALESCE(`t115`.`liver`, 0) IN (2, 3) OR (
                    COALESCE(`t115`.`lower`, 0) >= 2
                  )
                  THEN 3
                  WHEN (
                    COALESCE(`t115`.`skin`, 0) = 3
                  )
                  OR (
                    COALESCE(`t115`.`liver`, 0) = 1
                  )
                  OR (
                    COALESCE(`t115`.`upper`, 0) = 1
                  )
                  OR (
                    COALESCE(`t115`.`lower`, 0) = 1
                  )
                  THEN 2
                  WHEN COALESCE(`t115`.`skin`, 0) IN (1, 2)
                  THEN 1
                  ELSE 0
                END
                ELSE COALESCE(CAST(`t115`.`agvhd_overall_grade` AS BIGINT), 0)
              END AS `agvhd_grade`,
              CAST(CASE
                WHEN (
                  COALESCE(`t115`.`skin`, 0) = 4
                )
                OR (
                  COALESCE(`t115`.`liver`, 0) = 4
                )
                OR (
                  COALESCE(`t115`.`lower`, 0) = 4
                )
                THEN 4
                WHEN COALESCE(`t115`.`liver`, 0) IN (2, 3) OR (
                  COALESCE(`t115`.`lower`, 0) >= 2
                )
                THEN 3
                WHEN (
                  COALESCE(`t115`.`skin`, 0) = 3
                )
                OR (
                  COALESCE(`t115`.`liver`, 0) = 1
                )
                OR (
                  COALESCE(`t115`.`upper`, 0) = 1
                )
                OR (
                  COALESCE(`t115`.`lower`, 0) = 1
                )
                THEN 2
                WHEN COALESCE(`t115`.`skin`, 0) IN (1, 2)
                THEN 1
                ELSE 0
              END AS BIGINT) AS `agvhd_grade_computed`,
              CASE
                WHEN NOT (
                  COALESCE(`t115`.`gvhd_diagnosed`, TRUE)
                )
                THEN 0
                WHEN FALSE
                AND (
                  CASE
                    WHEN `t115`.`cgvhd_global_severity` = 'none'
                    THEN 0
                    WHEN `t115`.`cgvhd_global_severity` = 'mild'
                    THEN 1
                    WHEN `t115`.`cgvhd_global_severity` = 'moderate'
                    THEN 2
                    WHEN `t115`.`cgvhd_global_severity` = 'severe'
                    THEN 3
                    ELSE CAST(NULL AS BIGINT)
                  END IS NOT NULL
                )
                THEN CASE
                  WHEN `t115`.`cgvhd_global_severity` = 'none'
                  THEN 0
                  WHEN `t115`.`cgvhd_global_severity` = 'mild'
                  THEN 1
                  WHEN `t115`.`cgvhd_global_severity` = 'moderate'
                  THEN 2
                  WHEN `t115`.`cgvhd_global_severity` = 'severe'
                  THEN 3
                  ELSE CAST(NULL AS BIGINT)
                END
                WHEN (
                  `t115`.`cgvhd_skin` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_mouth` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_eyes` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_gi` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_liver` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_lungs` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_joints` IS NOT NULL
                )
                OR (
                  `t115`.`cgvhd_genital` IS NOT NULL
                )
                THEN CASE
                  WHEN (
                    COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 2
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0)
                    ) >= 3
                  )
                  THEN 3
                  WHEN (
                    COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) = 1
                  )
                  OR (
                    GREATEST(
                      COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0),
                      COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0)
                    ) = 2
                  )
                  OR (
                    (
                      IF(COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
                    ) >= 3
                  )
                  THEN 2
                  WHEN (
                    IF(COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
                  ) >= 1
                  THEN 1
                  ELSE 0
                END
                ELSE COALESCE(
                  CASE
                    WHEN `t115`.`cgvhd_global_severity` = 'none'
                    THEN 0
                    WHEN `t115`.`cgvhd_global_severity` = 'mild'
                    THEN 1
                    WHEN `t115`.`cgvhd_global_severity` = 'moderate'
                    THEN 2
                    WHEN `t115`.`cgvhd_global_severity` = 'severe'
                    THEN 3
                    ELSE CAST(NULL AS BIGINT)
                  END,
                  0
                )
              END AS `cgvhd_rank`,
              CAST(CASE
                WHEN (
                  COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 2
                )
                OR (
                  GREATEST(
                    COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0)
                  ) >= 3
                )
                THEN 3
                WHEN (
                  COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) = 1
                )
                OR (
                  GREATEST(
                    COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0),
                    COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0)
                  ) = 2
                )
                OR (
                  (
                    IF(COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
                  ) >= 3
                )
                THEN 2
                WHEN (
                  IF(COALESCE(CAST(`t115`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t115`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t115`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
                ) >= 1
                THEN 1
                ELSE 0
              END AS BIGINT) AS `cgvhd_rank_computed`,
              CASE
                WHEN `t115`.`cgvhd_global_severity` = 'none'
                THEN 0
                WHEN `t115`.`cgvhd_global_severity` = 'mild'
                THEN 1
                WHEN `t115`.`cgvhd_global_severity` = 'moderate'
                THEN 2
                WHEN `t115`.`cgvhd_global_severity` = 'severe'
                THEN 3
                ELSE CAST(NULL AS BIGINT)
              END AS `cgvhd_rank_entered`
            FROM (
              SELECT
                `t85`.`patient_id`,
                `t85`.`day`,
                `t85`.`date`,
                `t85`.`skin_bsa_pct`,
                `t85`.`skin_bullae`,
                `t85`.`skin_stage`,
                `t85`.`bilirubin_mg_dl`,
                `t85`.`liver_stage`,
                `t85`.`upper_gi`,
                `t85`.`stool_ml_day`,
                `t85`.`stool_episodes_day`,
                `t85`.`lower_gi_severe`,
                `t85`.`lower_gi_stage`,
                `t85`.`cgvhd_skin`,
                `t85`.`cgvhd_mouth`,
                `t85`.`cgvhd_eyes`,
                `t85`.`cgvhd_gi`,
                `t85`.`cgvhd_liver`,
                `t85`.`cgvhd_lungs`,
                `t85`.`cgvhd_joints`,
                `t85`.`cgvhd_genital`,
                `t85`.`systemic_therapy`,
                `t85`.`gvhd_diagnosed`,
                `t85`.`alternative_cause`,
                `t85`.`alternative_cause_organ`,
                `t85`.`agvhd_overall_grade`,
                `t85`.`cgvhd_global_severity`,
                `t85`.`cgvhd_diagnostic_sign`,
                `t85`.`weight_kg`,
                `t85`.`stool_ml_avg`,
                `t85`.`stool_episodes_avg`,
                IF(
                  COALESCE(`t85`.`gvhd_diagnosed`, TRUE)
                  AND NOT (
                    (
                      `t85`.`alternative_cause` IS NOT NULL
                    )
                    AND (
                      (
                        `t85`.`alternative_cause_organ` IS NULL
                      )
                      OR `t85`.`alternative_cause_organ` IN ('skin', 'all')
                    )
                  ),
                  CASE
                    WHEN COALESCE(`t85`.`skin_bullae`, FALSE)
                    THEN 4
                    WHEN `t85`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t85`.`skin_bsa_pct`)
                    THEN CASE
                      WHEN `t85`.`skin_bsa_pct` <= 0.0
                      THEN 0
                      WHEN `t85`.`skin_bsa_pct` < 25.0
                      THEN 1
                      WHEN `t85`.`skin_bsa_pct` <= 50.0
                      THEN 2
                      ELSE 3
                    END
                    ELSE CAST(`t85`.`skin_stage` AS BIGINT)
                  END,
                  IF(
                    CASE
                      WHEN COALESCE(`t85`.`skin_bullae`, FALSE)
                      THEN 4
                      WHEN `t85`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t85`.`skin_bsa_pct`)
                      THEN CASE
                        WHEN `t85`.`skin_bsa_pct` <= 0.0
                        THEN 0
                        WHEN `t85`.`skin_bsa_pct` < 25.0
                        THEN 1
                        WHEN `t85`.`skin_bsa_pct` <= 50.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST(`t85`.`skin_stage` AS BIGINT)
                    END IS NOT NULL,
                    0,
                    CAST(NULL AS BIGINT)
                  )
                ) AS `skin`,
                IF(
                  COALESCE(`t85`.`gvhd_diagnosed`, TRUE)
                  AND NOT (
                    (
                      `t85`.`alternative_cause` IS NOT NULL
                    )
                    AND (
                      (
                        `t85`.`alternative_cause_organ` IS NULL
                      )
                      OR `t85`.`alternative_cause_organ` IN ('liver', 'all')
                    )
                  ),
                  IF(
                    `t85`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t85`.`bilirubin_mg_dl`),
                    CASE
                      WHEN `t85`.`bilirubin_mg_dl` < 2.0
                      THEN 0
                      WHEN `t85`.`bilirubin_mg_dl` <= 3.0
                      THEN 1
                      WHEN `t85`.`bilirubin_mg_dl` <= 6.0
                      THEN 2
                      WHEN `t85`.`bilirubin_mg_dl` <= 15.0
                      THEN 3
                      ELSE 4
                    END,
                    CAST(`t85`.`liver_stage` AS BIGINT)
                  ),
                  IF(
                    IF(
                      `t85`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t85`.`bilirubin_mg_dl`),
                      CASE
                        WHEN `t85`.`bilirubin_mg_dl` < 2.0
                        THEN 0
                        WHEN `t85`.`bilirubin_mg_dl` <= 3.0
                        THEN 1
                        WHEN `t85`.`bilirubin_mg_dl` <= 6.0
                        THEN 2
                        WHEN `t85`.`bilirubin_mg_dl` <= 15.0
                        THEN 3
                        ELSE 4
                      END,
                      CAST(`t85`.`liver_stage` AS BIGINT)
                    ) IS NOT NULL,
                    0,
                    CAST(NULL AS BIGINT)
                  )
                ) AS `liver`,
                IF(
                  COALESCE(`t85`.`gvhd_diagnosed`, TRUE)
                  AND NOT (
                    (
                      `t85`.`alternative_cause` IS NOT NULL
                    )
                    AND (
                      (
                        `t85`.`alternative_cause_organ` IS NULL
                      )
                      OR `t85`.`alternative_cause_organ` IN ('upper_gi', 'all', 'gi')
                    )
                  ),
                  CASE
                    WHEN `t85`.`upper_gi`
                    THEN 1
                    WHEN NOT (
                      `t85`.`upper_gi`
                    )
                    THEN 0
                    ELSE CAST(NULL AS BIGINT)
                  END,
                  IF(
                    CASE
                      WHEN `t85`.`upper_gi`
                      THEN 1
                      WHEN NOT (
                        `t85`.`upper_gi`
                      )
                      THEN 0
                      ELSE CAST(NULL AS BIGINT)
                    END IS NOT NULL,
                    0,
                    CAST(NULL AS BIGINT)
                  )
                ) AS `upper`,
                IF(
                  COALESCE(`t85`.`gvhd_diagnosed`, TRUE)
                  AND NOT (
                    (
                      `t85`.`alternative_cause` IS NOT NULL
                    )
                    AND (
                      (
                        `t85`.`alternative_cause_organ` IS NULL
                      )
                      OR `t85`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                    )
                  ),
                  CASE
                    WHEN COALESCE(`t85`.`lower_gi_severe`, FALSE)
                    THEN 4
                    WHEN `t85`.`stool_ml_avg` IS NOT NULL
                    AND NOT ISNAN(`t85`.`stool_ml_avg`)
                    AND COALESCE(`t85`.`weight_kg` < 50.0, FALSE)
                    THEN CASE
                      WHEN (
                        `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                      ) < 10.0
                      THEN 0
                      WHEN (
                        `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                      ) < 20.0
                      THEN 1
                      WHEN (
                        `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                      ) <= 30.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN `t85`.`stool_ml_avg` IS NOT NULL AND NOT ISNAN(`t85`.`stool_ml_avg`)
                    THEN CASE
                      WHEN `t85`.`stool_ml_avg` < 500.0
                      THEN 0
                      WHEN `t85`.`stool_ml_avg` < 1000.0
                      THEN 1
                      WHEN `t85`.`stool_ml_avg` <= 1500.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN `t85`.`stool_episodes_avg` IS NOT NULL
                    AND NOT ISNAN(`t85`.`stool_episodes_avg`)
                    AND COALESCE(`t85`.`weight_kg` < 50.0, FALSE)
                    THEN CASE
                      WHEN (
                        `t85`.`stool_episodes_avg` * 3.0
                      ) < 10.0
                      THEN 0
                      WHEN (
                        `t85`.`stool_episodes_avg` * 3.0
                      ) < 20.0
                      THEN 1
                      WHEN (
                        `t85`.`stool_episodes_avg` * 3.0
                      ) <= 30.0
                      THEN 2
                      ELSE 3
                    END
                    WHEN `t85`.`stool_episodes_avg` IS NOT NULL AND NOT ISNAN(`t85`.`stool_episodes_avg`)
                    THEN CASE
                      WHEN (
                        `t85`.`stool_episodes_avg` * 200.0
                      ) < 500.0
                      THEN 0
                      WHEN (
                        `t85`.`stool_episodes_avg` * 200.0
                      ) < 1000.0
                      THEN 1
                      WHEN (
                        `t85`.`stool_episodes_avg` * 200.0
                      ) <= 1500.0
                      THEN 2
                      ELSE 3
                    END
                    ELSE CAST(`t85`.`lower_gi_stage` AS BIGINT)
                  END,
                  IF(
                    CASE
                      WHEN COALESCE(`t85`.`lower_gi_severe`, FALSE)
                      THEN 4
                      WHEN `t85`.`stool_ml_avg` IS NOT NULL
                      AND NOT ISNAN(`t85`.`stool_ml_avg`)
                      AND COALESCE(`t85`.`weight_kg` < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                        ) < 10.0
                        THEN 0
                        WHEN (
                          `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                        ) < 20.0
                        THEN 1
                        WHEN (
                          `t85`.`stool_ml_avg` / `t85`.`weight_kg`
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN `t85`.`stool_ml_avg` IS NOT NULL AND NOT ISNAN(`t85`.`stool_ml_avg`)
                      THEN CASE
                        WHEN `t85`.`stool_ml_avg` < 500.0
                        THEN 0
                        WHEN `t85`.`stool_ml_avg` < 1000.0
                        THEN 1
                        WHEN `t85`.`stool_ml_avg` <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN `t85`.`stool_episodes_avg` IS NOT NULL
                      AND NOT ISNAN(`t85`.`stool_episodes_avg`)
                      AND COALESCE(`t85`.`weight_kg` < 50.0, FALSE)
                      THEN CASE
                        WHEN (
                          `t85`.`stool_episodes_avg` * 3.0
                        ) < 10.0
                        THEN 0
                        WHEN (
                          `t85`.`stool_episodes_avg` * 3.0
                        ) < 20.0
                        THEN 1
                        WHEN (
                          `t85`.`stool_episodes_avg` * 3.0
                        ) <= 30.0
                        THEN 2
                        ELSE 3
                      END
                      WHEN `t85`.`stool_episodes_avg` IS NOT NULL AND NOT ISNAN(`t85`.`stool_episodes_avg`)
                      THEN CASE
                        WHEN (
                          `t85`.`stool_episodes_avg` * 200.0
                        ) < 500.0
                        THEN 0
                        WHEN (
                          `t85`.`stool_episodes_avg` * 200.0
                        ) < 1000.0
                        THEN 1
                        WHEN (
                          `t85`.`stool_episodes_avg` * 200.0
                        ) <= 1500.0
                        THEN 2
                        ELSE 3
                      END
                      ELSE CAST(`t85`.`lower_gi_stage` AS BIGINT)
                    END IS NOT NULL,
                    0,
                    CAST(NULL AS BIGINT)
                  )
                ) AS `lower`
              FROM (
                SELECT
                  `t56`.`patient_id`,
                  `t56`.`day`,
                  `t56`.`date`,
                  `t56`.`skin_bsa_pct`,
                  `t56`.`skin_bullae`,
                  `t56`.`skin_stage`,
                  `t56`.`bilirubin_mg_dl`,
                  `t56`.`liver_stage`,
                  `t56`.`upper_gi`,
                  `t56`.`stool_ml_day`,
                  `t56`.`stool_episodes_day`,
                  `t56`.`lower_gi_severe`,
                  `t56`.`lower_gi_stage`,
                  `t56`.`cgvhd_skin`,
                  `t56`.`cgvhd_mouth`,
                  `t56`.`cgvhd_eyes`,
                  `t56`.`cgvhd_gi`,
                  `t56`.`cgvhd_liver`,
                  `t56`.`cgvhd_lungs`,
                  `t56`.`cgvhd_joints`,
                  `t56`.`cgvhd_genital`,
                  `t56`.`systemic_therapy`,
                  `t56`.`gvhd_diagnosed`,
                  `t56`.`alternative_cause`,
                  `t56`.`alternative_cause_organ`,
                  `t56`.`agvhd_overall_grade`,
                  `t56`.`cgvhd_global_severity`,
                  `t56`.`cgvhd_diagnostic_sign`,
                  `t56`.`weight_kg`,
                  IF(
                    IF(
                      COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                      AND NOT (
                        (
                          `t56`.`alternative_cause` IS NOT NULL
                        )
                        AND (
                          (
                            `t56`.`alternative_cause_organ` IS NULL
                          )
                          OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                        )
                      ),
                      `t56`.`stool_ml_day`,
                      CAST(NULL AS DOUBLE)
                    ) IS NOT NULL
                    AND NOT ISNAN(
                      IF(
                        COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                        AND NOT (
                          (
                            `t56`.`alternative_cause` IS NOT NULL
                          )
                          AND (
                            (
                              `t56`.`alternative_cause_organ` IS NULL
                            )
                            OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                          )
                        ),
                        `t56`.`stool_ml_day`,
                        CAST(NULL AS DOUBLE)
                      )
                    ),
                    AVG(
                      IF(
                        COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                        AND NOT (
                          (
                            `t56`.`alternative_cause` IS NOT NULL
                          )
                          AND (
                            (
                              `t56`.`alternative_cause_organ` IS NULL
                            )
                            OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                          )
                        ),
                        `t56`.`stool_ml_day`,
                        CAST(NULL AS DOUBLE)
                      )
                    ) OVER (
                      PARTITION BY `t56`.`patient_id`
                      ORDER BY `t56`.`day` ASC NULLS LAST
                      RANGE BETWEEN 2 PRECEDING AND CURRENT ROW
                    ),
                    CAST(NULL AS DOUBLE)
                  ) AS `stool_ml_avg`,
                  IF(
                    IF(
                      COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                      AND NOT (
                        (
                          `t56`.`alternative_cause` IS NOT NULL
                        )
                        AND (
                          (
                            `t56`.`alternative_cause_organ` IS NULL
                          )
                          OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                        )
                      ),
                      `t56`.`stool_episodes_day`,
                      CAST(NULL AS DOUBLE)
                    ) IS NOT NULL
                    AND NOT ISNAN(
                      IF(
                        COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                        AND NOT (
                          (
                            `t56`.`alternative_cause` IS NOT NULL
                          )
                          AND (
                            (
                              `t56`.`alternative_cause_organ` IS NULL
                            )
                            OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                          )
                        ),
                        `t56`.`stool_episodes_day`,
                        CAST(NULL AS DOUBLE)
                      )
                    ),
                    AVG(
                      IF(
                        COALESCE(`t56`.`gvhd_diagnosed`, TRUE)
                        AND NOT (
                          (
                            `t56`.`alternative_cause` IS NOT NULL
                          )
                          AND (
                            (
                              `t56`.`alternative_cause_organ` IS NULL
                            )
                            OR `t56`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                          )
                        ),
                        `t56`.`stool_episodes_day`,
                        CAST(NULL AS DOUBLE)
                      )
                    ) OVER (
                      PARTITION BY `t56`.`patient_id`
                      ORDER BY `t56`.`day` ASC NULLS LAST
                      RANGE BETWEEN 2 PRECEDING AND CURRENT ROW
                    ),
                    CAST(NULL AS DOUBLE)
                  ) AS `stool_episodes_avg`
                FROM (
                  SELECT
                    `t47`.`patient_id`,
                    `t47`.`day`,
                    `t47`.`date`,
                    `t47`.`skin_bsa_pct`,
                    `t47`.`skin_bullae`,
                    `t47`.`skin_stage`,
                    `t47`.`bilirubin_mg_dl`,
                    `t47`.`liver_stage`,
                    `t47`.`upper_gi`,
                    `t47`.`stool_ml_day`,
                    `t47`.`stool_episodes_day`,
                    `t47`.`lower_gi_severe`,
                    `t47`.`lower_gi_stage`,
                    `t47`.`cgvhd_skin`,
                    `t47`.`cgvhd_mouth`,
                    `t47`.`cgvhd_eyes`,
                    `t47`.`cgvhd_gi`,
                    `t47`.`cgvhd_liver`,
                    `t47`.`cgvhd_lungs`,
                    `t47`.`cgvhd_joints`,
                    `t47`.`cgvhd_genital`,
                    `t47`.`systemic_therapy`,
                    `t47`.`gvhd_diagnosed`,
                    `t47`.`alternative_cause`,
                    `t47`.`alternative_cause_organ`,
                    `t47`.`agvhd_overall_grade`,
                    `t47`.`cgvhd_global_severity`,
                    `t47`.`cgvhd_diagnostic_sign`,
                    `t47`.`weight_kg`
                  FROM (
                    SELECT
                      `t10`.`patient_id`,
                      `t10`.`day`,
                      `t10`.`date`,
                      `t10`.`skin_bsa_pct`,
                      `t10`.`skin_bullae`,
                      `t10`.`skin_stage`,
                      `t10`.`bilirubin_mg_dl`,
                      `t10`.`liver_stage`,
                      `t10`.`upper_gi`,
                      `t10`.`stool_ml_day`,
                      `t10`.`stool_episodes_day`,
                      `t10`.`lower_gi_severe`,
                      `t10`.`lower_gi_stage`,
                      `t10`.`cgvhd_skin`,
                      `t10`.`cgvhd_mouth`,
                      `t10`.`cgvhd_eyes`,
                      `t10`.`cgvhd_gi`,
                      `t10`.`cgvhd_liver`,
                      `t10`.`cgvhd_lungs`,
                      `t10`.`cgvhd_joints`,
                      `t10`.`cgvhd_genital`,
                      `t10`.`systemic_therapy`,
                      `t10`.`gvhd_diagnosed`,
                      `t10`.`alternative_cause`,
                      `t10`.`alternative_cause_organ`,
                      `t10`.`agvhd_overall_grade`,
                      `t10`.`cgvhd_global_severity`,
                      `t10`.`cgvhd_diagnostic_sign`,
                      `t24`.`patient_id` AS `patient_id_right`,
                      `t24`.`weight_kg`
                    FROM `gvhd_assessments` AS `t10`
                    LEFT OUTER JOIN (
                      SELECT
                        `t7`.`patient_id`,
                        `t7`.`weight_kg`
                      FROM `patients` AS `t7`
                    ) AS `t24`
                      ON `t10`.`patient_id` = `t24`.`patient_id`
                  ) AS `t47`
                ) AS `t56`
              ) AS `t85`
            ) AS `t115`
          ) AS `t164`
        ) AS `t193`
        GROUP BY
          1
      ) AS `t203`
    ) AS `t210`
      ON `t132`.`patient_id` = `t210`.`gvhd_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t204`.`patient_id` AS `chimerism_patient_id`,
        `t204`.`allo_category`,
        `t204`.`allo_day`,
        `t204`.`allo_lineage`,
        `t204`.`allo_method`,
        `t204`.`mst_category`,
        `t204`.`mst_day`,
        `t204`.`mst_lineage`,
        `t204`.`mst_method`,
        `t204`.`microchimerism_first_day`,
        `t204`.`microchimerism_last_day`,
        `t204`.`graft_rejection_day`,
        `t204`.`graft_rejection_assay`
      FROM (
        SELECT
          `t201`.`patient_id`,
          `t201`.`allo_category`,
          `t201`.`allo_day`,
          `t201`.`allo_lineage`,
          `t201`.`allo_method`,
          `t201`.`mst_category`,
          `t201`.`mst_day`,
          `t201`.`mst_lineage`,
          `t201`.`mst_method`,
          `t201`.`microchimerism_first_day`,
          `t201`.`microchimerism_last_day`,
          `t201`.`graft_rejection_day`,
          `t201`.`graft_rejection_assay`
        FROM (
          SELECT
            `t198`.`patient_id`,
            `t198`.`allo_category`,
            `t198`.`allo_day`,
            `t198`.`allo_lineage`,
            `t198`.`allo_method`,
            `t198`.`mst_category`,
            `t198`.`mst_day`,
            `t198`.`mst_lineage`,
            `t198`.`mst_method`,
            `t198`.`microchimerism_first_day`,
            `t198`.`microchimerism_last_day`,
            `t178`.`patient_id` AS `patient_id_right`,
            `t178`.`graft_rejection_day`,
            `t178`.`graft_rejection_assay`
          FROM (
            SELECT
              `t194`.`patient_id`,
              `t194`.`allo_category`,
              `t194`.`allo_day`,
              `t194`.`allo_lineage`,
              `t194`.`allo_method`,
              `t194`.`mst_category`,
              `t194`.`mst_day`,
              `t194`.`mst_lineage`,
              `t194`.`mst_method`,
              `t194`.`microchimerism_first_day`,
              `t194`.`microchimerism_last_day`
            FROM (
              SELECT
                `t187`.`patient_id`,
                `t187`.`allo_category`,
                `t187`.`allo_day`,
                `t187`.`allo_lineage`,
                `t187`.`allo_method`,
                `t100`.`patient_id` AS `patient_id_right`,
                `t100`.`mst_category`,
                `t100`.`mst_day`,
                `t100`.`mst_lineage`,
                `t100`.`mst_method`,
                `t100`.`microchimerism_first_day`,
                `t100`.`microchimerism_last_day`
              FROM (
                SELECT
                  `t179`.`patient_id`,
                  `t179`.`allo_category`,
                  `t179`.`allo_day`,
                  `t179`.`allo_lineage`,
                  `t179`.`allo_method`
                FROM (
                  SELECT
                    `t34`.`patient_id`,
                    `t167`.`patient_id` AS `patient_id_right`,
                    `t167`.`allo_category`,
                    `t167`.`allo_day`,
                    `t167`.`allo_lineage`,
                    `t167`.`allo_method`
                  FROM (
                    SELECT DISTINCT
                      `t8`.`patient_id`
                    FROM `chimerism` AS `t8`
                    WHERE
                      `t8`.`day` > 0
                  ) AS `t34`
                  LEFT OUTER JOIN (
                    SELECT
                      `t159`.`patient_id`,
                      `t159`.`category` AS `allo_category`,
                      `t159`.`day` AS `allo_day`,
                      `t159`.`lineage` AS `allo_lineage`,
                      `t159`.`method` AS `allo_method`
                    FROM (
                      SELECT
                        `t146`.`patient_id`,
                        `t146`.`day`,
                        `t146`.`category`,
                        `t146`.`lineage`,
                        `t146`.`method`,
                        ROW_NUMBER() OVER (PARTITION BY `t146`.`patient_id` ORDER BY `t146`.`day` DESC) - 1 AS `rank`
                      FROM `t144` AS `t146`
                    ) AS `t159`
                    WHERE
                      `t159`.`rank` = 0
                  ) AS `t167`
                    ON `t34`.`patient_id` = `t167`.`patient_id`
                ) AS `t179`
              ) AS `t187`
              LEFT OUTER JOIN (
                SELECT
                  `t78`.`patient_id`,
                  CASE
                    WHEN COALESCE(`t78`.`last_detected`, FALSE) AND (
                      `t78`.`last_level` >= 1.0
                    )
                    THEN 'macrochimerism'
                    WHEN (
                      `t78`.`first_micro` IS NOT NULL
                    )
                    AND (
                      (
                        `t78`.`last_micro` - `t78`.`first_micro`
                      ) >= 28
                    )
                    THEN 'microchimerism_persistent'
                    WHEN `t78`.`first_micro` IS NOT NULL
                    THEN 'microchimerism'
                    ELSE 'not_detected'
                  END AS `mst_category`,
                  `t78`.`last_day` AS `mst_day`,
                  `t78`.`lineage` AS `mst_lineage`,
                  `t78`.`method` AS `mst_method`,
                  `t78`.`first_micro` AS `microchimerism_first_day`,
                  `t78`.`last_micro` AS `microchimerism_last_day`
                FROM (
                  SELECT
                    `t70`.`patient_id`,
                    MIN(IF(`t70`.`micro`, `t70`.`day`, NULL)) AS `first_micro`,
                    MAX(IF(`t70`.`micro`, `t70`.`day`, NULL)) AS `last_micro`,
                    MAX(`t70`.`day`) AS `last_day`,
                    MAX(IF(`t70`.`last_rank` = 0, `t70`.`level`, NULL)) AS `last_level`,
                    BOOL_OR(IF(`t70`.`last_rank` = 0, `t70`.`detected`, NULL)) AS `last_detected`,
                    MAX(IF(`t70`.`last_rank` = 0, `t70`.`lineage`, NULL)) AS `lineage`,
                    MAX(IF(`t70`.`last_rank` = 0, `t70`.`method`, NULL)) AS `method`
                  FROM (
                    SELECT
                      `t48`.`patient_id`,
                      `t48`.`day`,
                      `t48`.`lineage`,
                      `t48`.`method`,
                      `t48`.`detected`,
                      `t48`.`level`,
                      `t48`.`lineage_group`,
                      `t48`.`detected` AND (
                        `t48`.`level` < 1.0
                      ) AS `micro`,
                      ROW_NUMBER() OVER (
                        PARTITION BY `t48`.`patient_id`
                        ORDER BY `t48`.`day` DESC, `t48`.`level` DESC, `t48`.`lineage` ASC NULLS LAST, `t48`.`method` ASC NULLS LAST
                      ) - 1 AS `last_rank`
                    FROM `t42` AS `t48`
                  ) AS `t70`
                  GROUP BY
                    1
                ) AS `t78`
              ) AS `t100`
                ON `t187`.`patient_id` = `t100`.`patient_id`
            ) AS `t194`
          ) AS `t198`
          LEFT OUTER JOIN (
            SELECT
              `t166`.`patient_id`,
              `t166`.`day` AS `graft_rejection_day`,
              `t166`.`method` AS `graft_rejection_assay`
            FROM (
              SELECT
                `t154`.`patient_id`,
                `t154`.`day`,
                `t154`.`category`,
                `t154`.`lineage`,
                `t154`.`method`,
                ROW_NUMBER() OVER (
                  PARTITION BY `t154`.`patient_id`
                  ORDER BY `t154`.`day` ASC NULLS LAST, `t154`.`method` ASC NULLS LAST
                ) - 1 AS `rank`
              FROM (
                SELECT
                  *
                FROM `t144` AS `t146`
                WHERE
                  `t146`.`category` = 'donor_loss'
              ) AS `t154`
            ) AS `t166`
            WHERE
              `t166`.`rank` = 0
          ) AS `t178`
            ON `t198`.`patient_id` = `t178`.`patient_id`
        ) AS `t201`
      ) AS `t204`
    ) AS `t211`
      ON `t132`.`patient_id` = `t211`.`chimerism_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t170`.`patient_id` AS `best_response_patient_id`,
        CASE
          WHEN `t170`.`best_rank` = 0
          THEN 'cr'
          WHEN `t170`.`best_rank` = 1
          THEN 'crh'
          WHEN `t170`.`best_rank` = 2
          THEN 'cri'
          WHEN `t170`.`best_rank` = 3
          THEN 'mlfs'
          WHEN `t170`.`best_rank` = 4
          THEN 'pr'
          WHEN `t170`.`best_rank` = 5
          THEN 'sd'
          WHEN `t170`.`best_rank` = 6
          THEN 'nr'
          ELSE 'not_assessed'
        END AS `best_response`
      FROM (
        SELECT
          `t156`.`patient_id`,
          MIN(
            CASE
              WHEN `t156`.`status` = 'cr'
              THEN 0
              WHEN `t156`.`status` = 'crh'
              THEN 1
              WHEN `t156`.`status` = 'cri'
              THEN 2
              WHEN `t156`.`status` = 'mlfs'
              THEN 3
              WHEN `t156`.`status` = 'pr'
              THEN 4
              WHEN `t156`.`status` = 'sd'
              THEN 5
              WHEN `t156`.`status` = 'nr'
              THEN 6
              ELSE 7
            END
          ) AS `best_rank`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t145`.`patient_id`,
              `t145`.`day`,
              `t145`.`date`,
              `t145`.`status`,
              `t145`.`method`,
              `t145`.`relapse_day`,
              `t145`.`origin_day`
            FROM (
              SELECT
                `t30`.`patient_id`,
                `t30`.`day`,
                `t30`.`date`,
                `t30`.`status`,
                `t30`.`method`,
                `t131`.`patient_id` AS `patient_id_right`,
                `t131`.`relapse_day`,
                `t131`.`origin_day`
              FROM (
                SELECT
                  *
                FROM `disease_assessments` AS `t3`
                WHERE
                  `t3`.`status` IN ('cr', 'crh', 'cri', 'mlfs', 'pr', 'sd', 'nr')
              ) AS `t30`
              LEFT OUTER JOIN (
                SELECT
                  `t111`.`patient_id`,
                  IF(
                    (
                      `t111`.`death_day` IS NOT NULL
                    )
                    AND `t111`.`death_cause` IN ('relapse', 'progression')
                    AND (
                      (
                        `t111`.`relapse_recorded_day` IS NULL
                      )
                      OR (
                        `t111`.`relapse_recorded_day` > `t111`.`death_day`
                      )
                    ),
                    `t111`.`death_day`,
                    `t111`.`relapse_recorded_day`
                  ) AS `relapse_day`,
                  0 AS `origin_day`
                FROM (
                  SELECT
                    `t108`.`patient_id`,
                    `t108`.`arm`,
                    `t108`.`modality`,
                    `t108`.`graft_source`,
                    `t108`.`second_infusion_day`,
                    `t108`.`treatment_start_day`,
                    `t108`.`weight_kg`,
                    `t108`.`randomisation_day`,
                    `t108`.`death_day`,
                    `t108`.`death_cause`,
                    `t108`.`censor_day`,
                    `t108`.`relapse_recorded_day`,
                    `t108`.`last_lab_day`
                  FROM (
                    SELECT
                      `t95`.`patient_id`,
                      `t95`.`arm`,
                      `t95`.`modality`,
                      `t95`.`graft_source`,
                      `t95`.`second_infusion_day`,
                      `t95`.`treatment_start_day`,
                      `t95`.`weight_kg`,
                      `t95`.`randomisation_day`,
                      `t95`.`death_day`,
                      `t95`.`death_cause`,
                      `t95`.`censor_day`,
                      `t95`.`relapse_recorded_day`,
                      `t29`.`patient_id` AS `patient_id_right`,
                      `t29`.`last_lab_day`
                    FROM (
                      SELECT
                        `t88`.`patient_id`,
                        `t88`.`arm`,
                        `t88`.`modality`,
                        `t88`.`graft_source`,
                        `t88`.`second_infusion_day`,
                        `t88`.`treatment_start_day`,
                        `t88`.`weight_kg`,
                        `t88`.`randomisation_day`,
                        `t88`.`death_day`,
                        `t88`.`death_cause`,
                        `t88`.`censor_day`,
                        `t88`.`relapse_recorded_day`
                      FROM (
                        SELECT
                          `t80`.`patient_id`,
                          `t80`.`arm`,
                          `t80`.`modality`,
                          `t80`.`graft_source`,
                          `t80`.`second_infusion_day`,
                          `t80`.`treatment_start_day`,
                          `t80`.`weight_kg`,
                          `t80`.`randomisation_day`,
                          `t80`.`death_day`,
                          `t80`.`death_cause`,
                          `t80`.`censor_day`,
                          `t54`.`patient_id` AS `patient_id_right`,
                          `t54`.`relapse_recorded_day`
                        FROM (
                          SELECT
                            `t74`.`patient_id`,
                            `t74`.`arm`,
                            `t74`.`modality`,
                            `t74`.`graft_source`,
                            `t74`.`second_infusion_day`,
                            `t74`.`treatment_start_day`,
                            `t74`.`weight_kg`,
                            `t74`.`randomisation_day`,
                            `t74`.`death_day`,
                            `t74`.`death_cause`,
                            `t74`.`censor_day`
                          FROM (
                            SELECT
                              `t63`.`patient_id`,
                              `t63`.`arm`,
                              `t63`.`modality`,
                              `t63`.`graft_source`,
                              `t63`.`second_infusion_day`,
                              `t63`.`treatment_start_day`,
                              `t63`.`weight_kg`,
                              `t63`.`randomisation_day`,
                              `t45`.`patient_id` AS `patient_id_right`,
                              `t45`.`death_day`,
                              `t45`.`death_cause`,
                              `t45`.`censor_day`
                            FROM (
                              SELECT
                                `t58`.`patient_id`,
                                `t58`.`arm`,
                                `t58`.`modality`,
                                `t58`.`graft_source`,
                                `t58`.`second_infusion_day`,
                                `t58`.`treatment_start_day`,
                                `t58`.`weight_kg`,
                                `t58`.`randomisation_day`
                              FROM (
                                SELECT
                                  `t36`.`patient_id`,
                                  `t36`.`arm`,
                                  `t36`.`modality`,
                                  `t36`.`graft_source`,
                                  `t36`.`second_infusion_day`,
                                  `t36`.`treatment_start_day`,
                                  `t33`.`patient_id` AS `patient_id_right`,
                                  `t33`.`weight_kg`,
                                  `t33`.`randomisation_day`
                                FROM (
                                  SELECT
                                    `t9`.`patient_id`,
                                    COALESCE(`t9`.`arm`, `t9`.`modality`) AS `arm`,
                                    `t9`.`modality`,
                                    `t9`.`graft_source`,
                                    CAST(`t9`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`,
                                    CAST(`t9`.`treatment_start_day` AS BIGINT) AS `treatment_start_day`
                                  FROM `treatments` AS `t9`
                                ) AS `t36`
                                LEFT OUTER JOIN (
                                  SELECT
                                    `t7`.`patient_id`,
                                    `t7`.`weight_kg`,
                                    CAST(`t7`.`randomisation_day` AS BIGINT) AS `randomisation_day`
                                  FROM `patients` AS `t7`
                                ) AS `t33`
                                  ON `t36`.`patient_id` = `t33`.`patient_id`
                              ) AS `t58`
                            ) AS `t63`
                            LEFT OUTER JOIN (
                              SELECT
                                `t5`.`patient_id`,
                                IF(
                                  `t5`.`vital_status` = 'dead',
                                  COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                                  CAST(NULL AS BIGINT)
                                ) AS `death_day`,
                                IF(`t5`.`vital_status` = 'dead', `t5`.`cause`, CAST(NULL AS STRING)) AS `death_cause`,
                                GREATEST(
                                  `t5`.`last_contact_day`,
                                  COALESCE(
                                    IF(
                                      `t5`.`vital_status` = 'dead',
                                      COALESCE(`t5`.`death_day`, `t5`.`last_contact_day`),
                                      CAST(NULL AS BIGINT)
                                    ),
                                    `t5`.`last_contact_day`
                                  )
                                ) AS `censor_day`
                              FROM `followup` AS `t5`
                            ) AS `t45`
                              ON `t63`.`patient_id` = `t45`.`patient_id`
                          ) AS `t74`
                        ) AS `t80`
                        LEFT OUTER JOIN (
                          SELECT
                            `t19`.`patient_id`,
                            CAST(MIN(`t19`.`day`) AS BIGINT) AS `relapse_recorded_day`
                          FROM (
                            SELECT
                              *
                            FROM `disease_assessments` AS `t3`
                            WHERE
                              `t3`.`status` IN ('relapse', 'progression') AND `t3`.`day` > 0
                          ) AS `t19`
                          GROUP BY
                            1
                        ) AS `t54`
                          ON `t80`.`patient_id` = `t54`.`patient_id`
                      ) AS `t88`
                    ) AS `t95`
                    LEFT OUTER JOIN (
                      SELECT
                        `t2`.`patient_id`,
                        MAX(`t2`.`day`) AS `last_lab_day`
                      FROM `labs` AS `t2`
                      GROUP BY
                        1
                    ) AS `t29`
                      ON `t95`.`patient_id` = `t29`.`patient_id`
                  ) AS `t108`
                ) AS `t111`
              ) AS `t131`
                ON `t30`.`patient_id` = `t131`.`patient_id`
            ) AS `t145`
          ) AS `t147`
          WHERE
            `t147`.`day` >= 0
            AND (
              (
                `t147`.`relapse_day` IS NULL
              ) OR (
                `t147`.`day` < `t147`.`relapse_day`
              )
            )
        ) AS `t156`
        GROUP BY
          1
      ) AS `t170`
    ) AS `t183`
      ON `t132`.`patient_id` = `t183`.`best_response_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t59`.`patient_id` AS `infections_patient_id`,
        `t59`.`infection_event_day`,
        `t59`.`infections_by_day100`,
        `t59`.`infection_bacterial_event_day`,
        `t59`.`infections_by_day100_bacterial`,
        `t59`.`infection_viral_event_day`,
        `t59`.`infections_by_day100_viral`,
        `t59`.`infection_fungal_event_day`,
        `t59`.`infections_by_day100_fungal`,
        `t59`.`infection_other_event_day`,
        `t59`.`infections_by_day100_other`
      FROM (
        SELECT
          `t12`.`patient_id`,
          CAST(MIN(`t12`.`day`) AS BIGINT) AS `infection_event_day`,
          SUM(IF(`t12`.`day` <= 100, 1, 0)) AS `infections_by_day100`,
          CAST(MIN(IF(`t12`.`kind` = 'bacterial', `t12`.`day`, NULL)) AS BIGINT) AS `infection_bacterial_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'bacterial'
          ), 1, 0)) AS `infections_by_day100_bacterial`,
          CAST(MIN(IF(`t12`.`kind` = 'viral', `t12`.`day`, NULL)) AS BIGINT) AS `infection_viral_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'viral'
          ), 1, 0)) AS `infections_by_day100_viral`,
          CAST(MIN(IF(`t12`.`kind` = 'fungal', `t12`.`day`, NULL)) AS BIGINT) AS `infection_fungal_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'fungal'
          ), 1, 0)) AS `infections_by_day100_fungal`,
          CAST(MIN(IF(`t12`.`kind` = 'other', `t12`.`day`, NULL)) AS BIGINT) AS `infection_other_event_day`,
          SUM(IF((
            `t12`.`day` <= 100
          ) AND (
            `t12`.`kind` = 'other'
          ), 1, 0)) AS `infections_by_day100_other`
        FROM (
          SELECT
            *
          FROM `infections` AS `t1`
          WHERE
            `t1`.`day` >= 0
        ) AS `t12`
        GROUP BY
          1
      ) AS `t59`
    ) AS `t67`
      ON `t132`.`patient_id` = `t67`.`infections_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t89`.`patient_id` AS `immune_reconstitution_patient_id`,
        `t89`.`event_day` AS `immune_reconstitution_event_day`
      FROM (
        SELECT
          `t81`.`patient_id`,
          CAST(MIN(IF(`t81`.`run_start`, `t81`.`day`, NULL)) AS BIGINT) AS `event_day`
        FROM (
          SELECT
            `t65`.`patient_id`,
            `t65`.`day`,
            `t65`.`value`,
            `t65`.`meets`,
            `t65`.`meets` AND TRUE AS `run_start`,
            SUM(IF(`t65`.`meets`, 0, 1)) OVER (
              PARTITION BY `t65`.`patient_id`
              ORDER BY `t65`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t50`.`patient_id`,
              `t50`.`day`,
              `t50`.`value`,
              `t50`.`value` >= 0.2 AS `meets`
            FROM (
              SELECT
                `t14`.`patient_id`,
                `t14`.`day`,
                MIN(IF(`t14`.`qualifier` = '<', 0.0, `t14`.`value`)) AS `value`
              FROM (
                SELECT
                  *
                FROM `labs` AS `t2`
                WHERE
                  `t2`.`analyte` = 'cd4' AND `t2`.`day` >= 1
              ) AS `t14`
              GROUP BY
                1,
                2
            ) AS `t50`
          ) AS `t65`
        ) AS `t81`
        GROUP BY
          1
      ) AS `t89`
    ) AS `t101`
      ON `t132`.`patient_id` = `t101`.`immune_reconstitution_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t90`.`patient_id` AS `lymphocyte_recovery_patient_id`,
        `t90`.`event_day` AS `lymphocyte_recovery_event_day`
      FROM (
        SELECT
          `t82`.`patient_id`,
          CAST(MIN(IF(`t82`.`run_start`, `t82`.`day`, NULL)) AS BIGINT) AS `event_day`
        FROM (
          SELECT
            `t66`.`patient_id`,
            `t66`.`day`,
            `t66`.`value`,
            `t66`.`meets`,
            `t66`.`meets` AND TRUE AS `run_start`,
            SUM(IF(`t66`.`meets`, 0, 1)) OVER (
              PARTITION BY `t66`.`patient_id`
              ORDER BY `t66`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t51`.`patient_id`,
              `t51`.`day`,
              `t51`.`value`,
              `t51`.`value` >= 0.5 AS `meets`
            FROM (
              SELECT
                `t15`.`patient_id`,
                `t15`.`day`,
                MIN(IF(`t15`.`qualifier` = '<', 0.0, `t15`.`value`)) AS `value`
              FROM (
                SELECT
                  *
                FROM `labs` AS `t2`
                WHERE
                  `t2`.`analyte` = 'alc' AND `t2`.`day` >= 1
              ) AS `t15`
              GROUP BY
                1,
                2
            ) AS `t51`
          ) AS `t66`
        ) AS `t82`
        GROUP BY
          1
      ) AS `t90`
    ) AS `t102`
      ON `t132`.`patient_id` = `t102`.`lymphocyte_recovery_patient_id`
    LEFT OUTER JOIN (
      SELECT
        `t37`.`patient_id` AS `serious_adverse_events_patient_id`,
        `t37`.`serious_adverse_event_attributed`
      FROM (
        SELECT
          `t0`.`patient_id`,
          BOOL_OR(
            (
              `t0`.`ctcae_grade` >= 3
            )
            AND `t0`.`attributed_to` IN ('msc_infusion', 'donor_cells', 'graft')
          ) AS `serious_adverse_event_attributed`
        FROM `adverse_events` AS `t0`
        GROUP BY
          1
      ) AS `t37`
    ) AS `t49`
      ON `t132`.`patient_id` = `t49`.`serious_adverse_events_patient_id`
  ) AS `t241`
) AS `t242`
ORDER BY
  `t242`.`patient_id` ASC NULLS LAST
